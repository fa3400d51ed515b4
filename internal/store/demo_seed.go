package store

import (
	"context"
	"fmt"
	"time"

	"navigator"
	"navigator/internal/demo"
)

// Sealer seals personal data and hashes it for look-up.
type Sealer interface {
	Seal(plaintext string) []byte
	Hash(domain, value string) string
}

// SeedSummary counts what SeedDemo wrote.
type SeedSummary struct {
	Municipalities, Organizations, Offices, Programs, Groups int
	Families, Children, Certificates                         int
}

// IsEmpty reports whether the database has no region yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.queryRow(ctx, "SELECT count(*) FROM region").Scan(&n); err != nil {
		return false, fmt.Errorf("is empty: %w", err)
	}
	return n == 0, nil
}

// demoMark is the setting that a database was made by the demo: its
// pages with every letter and second-factor code are for such a database
// only, whatever flags a server is started with.
const demoMark = "demo_region"

func markDemo(ctx context.Context, tx *Tx) error {
	if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", demoMark, tx.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("mark demo: %w", err)
	}
	return nil
}

// IsDemo reports whether the demo made this database.
func (db *DB) IsDemo(ctx context.Context) (bool, error) {
	v, err := db.Setting(ctx, demoMark, "")
	return v != "", err
}

// demoPeriod is the school year the demo region runs.
var demoPeriod = struct {
	name        string
	start, end  navigator.Date
	opens, ends time.Time
}{
	"2026/2027 учебный год",
	navigator.NewDate(2026, time.September, 1), navigator.NewDate(2027, time.August, 31),
	time.Date(2026, time.August, 20, 3, 0, 0, 0, time.UTC), time.Date(2027, time.May, 31, 17, 59, 0, 0, time.UTC), // 09:00 and 23:59 in Omsk
}

// DemoSeeder fills an empty database with the demo region: for serve
// --demo, the demo command and the tests. It is apart from *DB so that
// the production store's API carries no demo code.
type DemoSeeder struct{ db *DB }

// Demo is the demo seeder of db.
func Demo(db *DB) DemoSeeder { return DemoSeeder{db: db} }

// Seed writes the demo region into an empty database in one transaction.
// Staff and family passwords are hashed by hashPassword; family accounts
// share one hash, computed once.
func (d DemoSeeder) Seed(ctx context.Context, r *demo.Region, seal Sealer, hashPassword func(string) string, familyPassword string) (*SeedSummary, error) {
	db := d.db
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, navigator.Errorf(navigator.KindConflict, "В базе уже есть регион: демонстрационные данные заливаются только в пустую базу.")
	}
	staffHashes := make([]string, len(r.Staff))
	for i, s := range r.Staff {
		staffHashes[i] = hashPassword(s.Password)
	}
	familyHash := hashPassword(familyPassword)
	sum := &SeedSummary{}
	err = db.Update(ctx, func(tx *Tx) error {
		sd := seeder{tx: tx, seal: seal, sum: sum, mun: map[string]int64{}, org: map[string]int64{}, staff: map[string]int64{}}
		if err := sd.run(ctx, r, staffHashes, familyHash); err != nil {
			return err
		}
		return markDemo(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("seed demo: %w", err)
	}
	return sum, nil
}

type seeder struct {
	tx       *Tx
	seal     Sealer
	sum      *SeedSummary
	periodID int64
	mun      map[string]int64 // by code
	nominal  map[string]int64
	social   map[int64]int64  // hours of a social certificate, by municipality
	org      map[string]int64 // by key
	staff    map[string]int64 // operator by organization key
	anyOp    int64
	lastCert int64 // the certificate issued last
}

func (s *seeder) run(ctx context.Context, r *demo.Region, staffHashes []string, familyHash string) error {
	tx := s.tx
	if _, err := tx.Exec(ctx, "INSERT INTO region (id, code, name) VALUES (1, ?, ?)", r.Code, r.Name); err != nil {
		return fmt.Errorf("region: %w", err)
	}
	var err error
	s.periodID, err = tx.InsertID(ctx, `INSERT INTO periods (name, starts_on, ends_on, enrollment_opens_at, enrollment_ends_at, is_current)
		VALUES (?, ?, ?, ?, ?, TRUE)`, demoPeriod.name, demoPeriod.start, demoPeriod.end, demoPeriod.opens, demoPeriod.ends)
	if err != nil {
		return fmt.Errorf("period: %w", err)
	}
	s.nominal, s.social = map[string]int64{}, map[int64]int64{}
	for _, m := range r.Municipalities {
		id, err := tx.InsertID(ctx, "INSERT INTO municipalities (code, name, created_at) VALUES (?, ?, ?)", m.Code, m.Name, tx.Now())
		if err != nil {
			return fmt.Errorf("municipality %s: %w", m.Name, err)
		}
		s.mun[m.Code], s.nominal[m.Code] = id, m.FinancingNominal
		regime := navigator.RegimePFDO
		if m.Social {
			regime = navigator.RegimeSocial
			s.social[id] = m.SocialHours
		}
		if _, err := tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id, financing_nominal, financing_quota,
				budget_limit, financing_to_accounting_days, children_total, regime, social_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, s.periodID, m.FinancingNominal, m.FinancingQuota, m.BudgetLimit, 60, m.ChildrenTotal, string(regime), m.SocialHours); err != nil {
			return fmt.Errorf("municipality period: %w", err)
		}
		if err := s.socialOrder(ctx, id, m); err != nil {
			return err
		}
		s.sum.Municipalities++
	}
	for _, o := range r.Organizations {
		if err := s.organization(ctx, o); err != nil {
			return err
		}
	}
	for i, st := range r.Staff {
		if err := s.staffAccount(ctx, st, staffHashes[i]); err != nil {
			return err
		}
	}
	for _, p := range r.Programs {
		if err := s.program(ctx, p); err != nil {
			return err
		}
	}
	if err := s.executors(ctx); err != nil {
		return err
	}
	if err := s.socialExecutors(ctx, r); err != nil {
		return err
	}
	for _, f := range r.Families {
		if err := s.family(ctx, f, familyHash); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) organization(ctx context.Context, d demo.Organization) error {
	o := navigator.Organization{MunicipalityID: s.mun[d.MunicipalityCode], Name: d.Name, ShortName: d.ShortName, Type: d.Type,
		INN: d.INN, Address: d.Address, Phone: d.Phone, Email: d.Email, Website: d.Website, Schedule: d.Schedule,
		IsProvider: d.IsProvider, IsCertificateOffice: d.IsCertificateOffice}
	for _, p := range d.Responsible {
		o.Responsible = append(o.Responsible, navigator.Person{FullName: p.FullName, Position: p.Position, Phone: p.Phone, Email: p.Email})
	}
	if err := insertOrganization(ctx, s.tx, &o); err != nil {
		return fmt.Errorf("organization %s: %w", d.Key, err)
	}
	s.org[d.Key] = o.ID
	s.sum.Organizations++
	if o.IsCertificateOffice {
		s.sum.Offices++
	}
	return nil
}

func (s *seeder) staffAccount(ctx context.Context, st demo.StaffAccount, hash string) error {
	var totpSecret []byte
	if st.TOTPSecret != "" {
		totpSecret = s.seal.Seal(st.TOTPSecret)
	}
	id, err := s.tx.InsertID(ctx, `INSERT INTO staff (email, full_name, role, organization_id, municipality_id, password_hash, totp_secret, totp_enabled, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, st.Email, st.FullName, st.Role, nullID(s.org[st.OrganizationKey]), nullID(s.mun[st.MunicipalityCode]), hash,
		totpSecret, totpSecret != nil, s.tx.Now())
	if err != nil {
		return fmt.Errorf("staff %s: %w", st.Email, err)
	}
	if st.Role == string(navigator.RoleOperator) {
		s.staff[st.OrganizationKey] = id
		if s.anyOp == 0 {
			s.anyOp = id
		}
	}
	return nil
}

func (s *seeder) program(ctx context.Context, dp demo.Program) error {
	tx := s.tx
	orgID := s.org[dp.OrganizationKey]
	var munID int64
	if err := tx.QueryRow(ctx, "SELECT municipality_id FROM organizations WHERE id = ?", orgID).Scan(&munID); err != nil {
		return fmt.Errorf("program %q: organization %q: %w", dp.Title, dp.OrganizationKey, err)
	}
	p := navigator.Program{OrganizationID: orgID, MunicipalityID: munID, Title: dp.Title, Description: dp.Description,
		Direction: dp.Direction, Registry: navigator.Registry(dp.Registry), AgeFrom: dp.AgeFrom, AgeTo: dp.AgeTo,
		FormOfStudy: navigator.FormOfStudy(dp.FormOfStudy), OVZ: dp.OVZ, Address: dp.Address, Status: navigator.ProgramPublished}
	id, err := insertProgram(ctx, tx, &p)
	if err != nil {
		return err
	}
	if p.Registry == navigator.RegistryCertified {
		if _, err := tx.Exec(ctx, "UPDATE programs SET certification = 'accepted' WHERE id = ?", id); err != nil {
			return err
		}
	}
	for _, dm := range dp.Modules {
		m := navigator.Module{ProgramID: id, Name: dm.Name, Hours: dm.Hours, Months: dm.Months,
			PricePerMonth: navigator.Money(dm.PricePerMonth), NormativeCost: navigator.Money(dm.NormativeCost),
			MinChildren: dm.MinChildren, MaxChildren: dm.MaxChildren}
		mid, err := insertModule(ctx, tx, &m)
		if err != nil {
			return err
		}
		for _, dg := range dm.Groups {
			g := navigator.Group{ModuleID: mid, ProgramID: id, Name: dg.Name, Capacity: dg.Capacity, Accepting: dg.Accepting, Teacher: dg.Teacher}
			if g.StartsOn, err = navigator.ParseDate(dg.StartsOn); err != nil {
				return err
			}
			if g.EndsOn, err = navigator.ParseDate(dg.EndsOn); err != nil {
				return err
			}
			for _, r := range dg.Schedule {
				g.Schedule = append(g.Schedule, navigator.ScheduleRow{Weekday: r.Weekday, Start: r.Start, End: r.End, Room: r.Room, Address: r.Address})
			}
			if _, err := insertGroup(ctx, tx, &g); err != nil {
				return err
			}
			s.sum.Groups++
		}
	}
	s.sum.Programs++
	return refreshProgram(ctx, tx, id)
}

func (s *seeder) family(ctx context.Context, f demo.Family, hash string) error {
	tx := s.tx
	munID := s.mun[f.MunicipalityCode]
	uid, err := tx.InsertID(ctx, `INSERT INTO site_users (municipality_id, last_name, first_name, patronymic, phone, email, password_hash,
			email_verified, resident_rf, consent_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?)`,
		munID, f.LastName, f.FirstName, f.Patronymic, f.Phone, f.Email, hash, f.ResidentRF, tx.Now(), tx.Now(), tx.Now())
	if err != nil {
		return fmt.Errorf("family %s: %w", f.Email, err)
	}
	s.sum.Families++
	for _, c := range f.Children {
		var sealed []byte
		var hashed any
		if c.SNILS != "" {
			sealed, hashed = s.seal.Seal(c.SNILS), s.seal.Hash("snils", c.SNILS)
		}
		birth, err := navigator.ParseDate(c.BirthDate)
		if err != nil {
			return err
		}
		cid, err := tx.InsertID(ctx, `INSERT INTO children (site_user_id, last_name, first_name, patronymic, birth_date, sex,
				snils_sealed, snils_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			uid, c.LastName, c.FirstName, c.Patronymic, birth, c.Sex, sealed, hashed, tx.Now(), tx.Now())
		if err != nil {
			return fmt.Errorf("child: %w", err)
		}
		s.sum.Children++
		officeID := s.org[c.CertificateOfficeKey]
		operator := s.staff[c.CertificateOfficeKey]
		if operator == 0 {
			operator = s.anyOp
		}
		if c.Confirmed {
			if _, err := tx.Exec(ctx, `INSERT INTO confirmations (child_id, staff_id, organization_id, without_snils, confirmed_at)
				VALUES (?, ?, ?, ?, ?)`, cid, operator, officeID, c.SNILS == "", tx.Now()); err != nil {
				return fmt.Errorf("confirmation: %w", err)
			}
		}
		if c.CertificateType != "" {
			if err := s.certificate(ctx, cid, munID, officeID, operator, c.CertificateType, s.nominal[f.MunicipalityCode]); err != nil {
				return err
			}
			if hours := s.social[munID]; hours > 0 && c.CertificateType == string(navigator.CertificateFinancing) {
				if _, err := socialNominal(ctx, tx, s.lastCert, munID, s.periodID, "Объём социального сертификата на период"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (s *seeder) certificate(ctx context.Context, childID, munID, officeID, operator int64, typ string, nominal int64) error {
	tx := s.tx
	number, err := nextCertificateNumber(ctx, tx, munID)
	if err != nil {
		return err
	}
	var period any
	if typ != string(navigator.CertificateFinancing) {
		nominal = 0
	} else {
		period = s.periodID
	}
	online := typ == string(navigator.CertificateUnconfirmed)
	var org, by any = nullID(officeID), nullID(operator)
	if online {
		org, by = nil, nil
	}
	if s.social[munID] > 0 {
		nominal = 0 // a social certificate counts hours: given after the insert
	}
	certID, err := tx.InsertID(ctx, `INSERT INTO certificates (child_id, number, type, period_id, nominal, balance, municipality_id,
			organization_id, issued_by_staff, requested_online, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		childID, number, typ, period, nominal, nominal, munID, org, by, online, tx.Now())
	if err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	if nominal > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, note, created_at)
			VALUES (?, ?, 'nominal', ?, ?, ?)`, certID, s.periodID, nominal, "Номинал на период", tx.Now()); err != nil {
			return fmt.Errorf("ledger: %w", err)
		}
	}
	s.sum.Certificates++
	s.lastCert = certID
	return nil
}
