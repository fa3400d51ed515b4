package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
)

// socialFixture is a municipality of the demo region switched to the
// social certificate: its order for the years a certified group runs in,
// the group's provider included in its registry of executors, and
// families whose children hold social certificates.
type socialFixture struct {
	mun       int64
	group     int64
	org       int64
	direction string
	years     []int
	perApp    map[int]navigator.Hours // what one application holds of each year
	fams      []store.SyntheticFamily
}

func newSocialFixture(t *testing.T, db *store.DB, families int, appsRoom int) *socialFixture {
	t.Helper()
	ctx := context.Background()
	operator, office, _ := demoOperator(t, db)
	f := &socialFixture{perApp: map[int]navigator.Hours{}}
	m := navigator.Municipality{Code: "61", Name: "Социальный район"}
	must(t, db.CreateMunicipality(ctx, &m))
	f.mun = m.ID
	var hours, months int
	var starts, ends navigator.Date
	must(t, db.View(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `SELECT g.id, p.organization_id, p.direction, md.hours, md.months, g.starts_on, g.ends_on
			FROM groups g JOIN programs p ON p.id = g.program_id JOIN modules md ON md.id = g.module_id
			WHERE p.registry = 'certified' AND p.status = 'published' AND g.accepting = TRUE AND p.age_from <= 10 AND p.age_to >= 10
				AND md.hours > 0 AND g.ends_on > ? ORDER BY g.id LIMIT 1`, navigator.Today(db.Now())).
			Scan(&f.group, &f.org, &f.direction, &hours, &months, &starts, &ends)
	}))
	must(t, db.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE groups SET capacity = seats_taken + 100 WHERE id = ?", f.group); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "INSERT INTO executors (organization_id, municipality_id, status, included_on) VALUES (?, ?, 'included', ?)",
			f.org, f.mun, navigator.Today(db.Now()))
		return err
	}))
	today := navigator.Today(db.Now())
	if starts.Before(today) {
		starts = today
	}
	monthly := navigator.WholeHours(int64(hours)) / navigator.Hours(months)
	f.perApp = navigator.HoursByYear(starts, ends, monthly)
	for y := range f.perApp {
		f.years = append(f.years, y)
	}
	// The period that runs now started this year or the last.
	for _, y := range []int{today.Time().Year() - 1, today.Time().Year(), today.Time().Year() + 1} {
		o := navigator.SocialOrder{MunicipalityID: f.mun, Year: y, Regime: navigator.RegimeSocial}
		if h, ok := f.perApp[y]; ok {
			o.Directions = []navigator.SocialOrderLine{{Direction: f.direction, Method: navigator.MethodCertificate,
				Hours: h * navigator.Hours(appsRoom), Children: 1000, HourCost: navigator.Rubles(150)}}
		}
		_, err := db.PutSocialOrder(ctx, o, nil)
		must(t, err)
	}
	set, err := db.MunicipalitySettings(ctx, f.mun)
	must(t, err)
	if set.Regime != navigator.RegimeSocial {
		t.Fatalf("the municipality's current period is %q, want social", set.Regime)
	}
	set.SocialHours, set.FinancingQuota = navigator.WholeHours(500), 1000
	_, err = db.SaveMunicipalitySettings(ctx, *set, nil)
	must(t, err)
	names := make([]string, families)
	for i := range names {
		names[i] = fmt.Sprintf("social-%d-%d", f.mun, i)
	}
	f.fams, err = store.Synthetic(db).AddSyntheticFamilies(ctx, f.mun, operator, office, navigator.NewDate(db.Now().Year()-10, 1, 1), names)
	must(t, err)
	for _, fam := range f.fams {
		var number string
		must(t, db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT number FROM certificates WHERE child_id = ?", fam.ChildID).Scan(&number)
		}))
		cert, err := db.ChangeCertificate(ctx, number, navigator.CertificateFinancing, nil, nil)
		must(t, err)
		if !cert.Social() || cert.HoursBalance != navigator.WholeHours(500) || cert.Balance != 0 {
			t.Fatalf("the certificate in a social municipality: unit %q, %v h, %v", cert.Unit, cert.HoursBalance, cert.Balance)
		}
	}
	return f
}

// taken is what the order's lines of the fixture's direction hold.
func (f *socialFixture) taken(t *testing.T, db *store.DB) (map[int]navigator.Hours, map[int]int) {
	t.Helper()
	hours, children := map[int]navigator.Hours{}, map[int]int{}
	for _, y := range f.years {
		o, err := db.SocialOrder(context.Background(), f.mun, y)
		must(t, err)
		l, _ := o.Line(f.direction)
		hours[y], children[y] = l.HoursContracted, l.ChildrenContracted
	}
	return hours, children
}

// TestSocialOrderLimit: applications by social certificate arriving at
// once take exactly the order's volume, on both engines; the rest are
// refused order_exhausted; a withdrawn application gives its hours back
// and the next one takes them; a volume below what is taken is refused;
// a provider excluded from the registry takes no certificate.
func TestSocialOrderLimit(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const room, families = 4, 10
		f := newSocialFixture(t, db, families, room)

		var wg sync.WaitGroup
		ids := make([]int64, families)
		errs := make([]error, families)
		for i, fam := range f.fams[:families-1] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids[i], _, errs[i] = db.CreateApplication(ctx, store.NewApplication{SiteUserID: fam.SiteUserID, ChildID: fam.ChildID, GroupID: f.group})
			}()
		}
		wg.Wait()
		pending, exhausted := 0, 0
		var first int64
		var firstFam store.SyntheticFamily
		for i, err := range errs[:families-1] {
			switch {
			case err == nil:
				pending++
				if first == 0 {
					first, firstFam = ids[i], f.fams[i]
				}
			case codeOf(err) == "order_exhausted":
				exhausted++
			default:
				t.Fatalf("application %d: %v", i, err)
			}
		}
		if pending != room || exhausted != families-1-room {
			t.Fatalf("%d pending and %d refused for an order with room for %d", pending, exhausted, room)
		}
		hours, children := f.taken(t, db)
		for _, y := range f.years {
			if hours[y] != f.perApp[y]*room || children[y] != room {
				t.Fatalf("%d: %v h and %d children taken, want %v and %d", y, hours[y], children[y], f.perApp[y]*room, room)
			}
		}

		// A withdrawn application gives its hours back; the last family takes them.
		must(t, db.CancelApplication(ctx, firstFam.SiteUserID, first))
		last := f.fams[families-1]
		if _, status, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: last.SiteUserID, ChildID: last.ChildID, GroupID: f.group}); err != nil || status != navigator.AppPending {
			t.Fatalf("after a withdrawal: %v %v", status, err)
		}
		if hours, _ := f.taken(t, db); hours[f.years[0]] != f.perApp[f.years[0]]*room {
			t.Fatalf("after a withdrawal and a new application: %v", hours)
		}

		// The order cannot go below what is taken.
		y := f.years[0]
		_, err := db.PutSocialOrder(ctx, navigator.SocialOrder{MunicipalityID: f.mun, Year: y, Regime: navigator.RegimeSocial,
			Directions: []navigator.SocialOrderLine{{Direction: f.direction, Method: navigator.MethodCertificate, Hours: f.perApp[y], Children: 1000, HourCost: navigator.Rubles(150)}}}, nil)
		if codeOf(err) != "below_contracted" {
			t.Fatalf("a volume below the taken one: %v", err)
		}
		_, err = db.PutSocialOrder(ctx, navigator.SocialOrder{MunicipalityID: f.mun, Year: y, Regime: navigator.RegimeSocial}, nil)
		if codeOf(err) != "below_contracted" {
			t.Fatalf("a direction with contracts left out: %v", err)
		}

		// An excluded executor takes no social certificate.
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE executors SET status = 'excluded' WHERE organization_id = ? AND municipality_id = ?", f.org, f.mun)
			return err
		}))
		_, _, err = db.CreateApplication(ctx, store.NewApplication{SiteUserID: firstFam.SiteUserID, ChildID: firstFam.ChildID, GroupID: f.group})
		if codeOf(err) != "not_executor" {
			t.Fatalf("an excluded executor: %v", err)
		}
	})
}

// TestSocialContract: a contract by social certificate reserves the
// program's hours for its months on the certificate, in the ledger in
// hours; the certificate pays the hours' money equivalent at the
// direction's cost of an hour and the family the rest; the order holds
// the contract's hours; the demo municipality, which issued financing
// certificates this period, cannot switch regime in it.
func TestSocialContract(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newSocialFixture(t, db, 1, 3)
		fam := f.fams[0]
		id, _, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: fam.SiteUserID, ChildID: fam.ChildID, GroupID: f.group})
		must(t, err)
		offer, err := db.AcceptApplication(ctx, id, f.org, 0, nil)
		must(t, err)
		if offer.Terms.Unit != navigator.UnitHour || offer.Terms.HourCost != navigator.Rubles(150) {
			t.Fatalf("offer terms %+v", offer.Terms)
		}
		k, err := db.AcceptContractOffer(ctx, fam.SiteUserID, id, "127.0.0.1", nil)
		must(t, err)
		if k.Unit != navigator.UnitHour || k.ReservedHours != k.HoursMonthly*navigator.Hours(k.Months) || k.Reserved != 0 {
			t.Fatalf("contract %+v", k)
		}
		if want := navigator.Min(k.PricePerMonth, k.HoursMonthly.Cost(navigator.Rubles(150))); k.CertificateMonthly != want || k.FamilyMonthly != k.PricePerMonth-want {
			t.Fatalf("certificate pays %v and the family %v of %v, want %v from the certificate", k.CertificateMonthly, k.FamilyMonthly, k.PricePerMonth, want)
		}
		var balance, reserve, ledgerHours navigator.Hours
		must(t, db.View(ctx, func(tx *store.Tx) error {
			if err := tx.QueryRow(ctx, "SELECT hours_balance, hours_reserve FROM certificates WHERE child_id = ?", fam.ChildID).Scan(&balance, &reserve); err != nil {
				return err
			}
			return tx.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'nominal' THEN amount ELSE -amount END), 0) FROM ledger_entries l
				JOIN certificates s ON s.id = l.certificate_id WHERE s.child_id = ? AND l.unit = 'hour' AND l.kind IN ('nominal', 'reserve')`, fam.ChildID).Scan(&ledgerHours)
		}))
		if reserve != k.ReservedHours || balance != navigator.WholeHours(500)-k.ReservedHours || ledgerHours != balance {
			t.Fatalf("certificate: %v h left, %v reserved, ledger %v; contract reserves %v", balance, reserve, ledgerHours, k.ReservedHours)
		}
		hours, _ := f.taken(t, db)
		for y, h := range navigator.HoursByYear(k.StartsOn, k.EndsOn, k.HoursMonthly) {
			if hours[y] != h {
				t.Fatalf("the order holds %v in %d, the contract %v", hours[y], y, h)
			}
		}

		// The demo municipality issued financing certificates this period.
		_, _, demoMun := demoOperator(t, db)
		set, err := db.MunicipalitySettings(ctx, demoMun)
		must(t, err)
		var startYear int
		must(t, db.View(ctx, func(tx *store.Tx) error {
			var starts navigator.Date
			err := tx.QueryRow(ctx, "SELECT starts_on FROM periods WHERE id = ?", set.PeriodID).Scan(&starts)
			startYear = starts.Time().Year()
			return err
		}))
		_, err = db.PutSocialOrder(ctx, navigator.SocialOrder{MunicipalityID: demoMun, Year: startYear, Regime: navigator.RegimeSocial}, nil)
		if codeOf(err) != "regime_in_force" {
			t.Fatalf("switching a running period with certificates issued: %v", err)
		}
		if _, err := db.PutSocialOrder(ctx, navigator.SocialOrder{MunicipalityID: demoMun, Year: startYear + 1, Regime: navigator.RegimeSocial}, nil); err != nil {
			t.Fatalf("choosing the regime of the next period: %v", err)
		}
	})
}

// TestRegimeSwitchAtPeriodBoundary: a ПФДО municipality chooses the social
// certificate for the period that begins next year; until the boundary
// its certificates count roubles, a contract in roubles that runs past
// the boundary keeps its reserve and is charged in roubles afterwards,
// and from the new period on the same certificate counts the
// municipality's hours.
func TestRegimeSwitchAtPeriodBoundary(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		operator, office, _ := demoOperator(t, db)
		m := navigator.Municipality{Code: "62", Name: "Переходный район"}
		must(t, db.CreateMunicipality(ctx, &m))
		set, err := db.MunicipalitySettings(ctx, m.ID)
		must(t, err)
		set.FinancingNominal, set.FinancingQuota, set.SocialHours = navigator.Rubles(25000), 100, navigator.WholeHours(72)
		_, err = db.SaveMunicipalitySettings(ctx, *set, nil)
		must(t, err)
		fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, m.ID, operator, office, navigator.NewDate(db.Now().Year()-10, 1, 1), []string{"switch-a"})
		must(t, err)
		fam := fams[0]
		var number string
		var group, org int64
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			if err := tx.QueryRow(ctx, "SELECT number FROM certificates WHERE child_id = ?", fam.ChildID).Scan(&number); err != nil {
				return err
			}
			if err := tx.QueryRow(ctx, `SELECT g.id, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id JOIN modules md ON md.id = g.module_id
				WHERE p.registry = 'certified' AND p.status = 'published' AND g.accepting = TRUE AND p.age_from <= 10 AND p.age_to >= 10
					AND md.price > 0 AND g.ends_on > ? ORDER BY g.id LIMIT 1`, navigator.Today(db.Now())).Scan(&group, &org); err != nil {
				return err
			}
			// The group runs past the period's end.
			_, err := tx.Exec(ctx, "UPDATE groups SET ends_on = ?, capacity = seats_taken + 10 WHERE id = ?", navigator.NewDate(2027, time.December, 31), group)
			return err
		}))
		cert, err := db.ChangeCertificate(ctx, number, navigator.CertificateFinancing, nil, nil)
		must(t, err)
		if cert.Social() || cert.Balance != navigator.Rubles(25000) {
			t.Fatalf("a ПФДО certificate: %q %v", cert.Unit, cert.Balance)
		}
		id, _, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: fam.SiteUserID, ChildID: fam.ChildID, GroupID: group})
		must(t, err)
		_, err = db.AcceptApplication(ctx, id, org, 0, nil)
		must(t, err)
		k, err := db.AcceptContractOffer(ctx, fam.SiteUserID, id, "127.0.0.1", nil)
		must(t, err)
		if k.Unit != navigator.UnitRub || k.Reserved <= 0 {
			t.Fatalf("the ПФДО contract: %+v", k)
		}

		// The regime chosen for the period that begins in 2027.
		_, err = db.PutSocialOrder(ctx, navigator.SocialOrder{MunicipalityID: m.ID, Year: 2027, Regime: navigator.RegimeSocial}, nil)
		must(t, err)
		for y, want := range map[int]navigator.Regime{2026: navigator.RegimePFDO, 2027: navigator.RegimeSocial} {
			o, err := db.SocialOrder(ctx, m.ID, y)
			must(t, err)
			if o.Regime != want {
				t.Fatalf("%d: regime %q, want %q", y, o.Regime, want)
			}
		}
		if set, _ := db.MunicipalitySettings(ctx, m.ID); set.Regime != navigator.RegimePFDO {
			t.Fatalf("the running period switched early: %q", set.Regime)
		}

		rolled, err := db.RollPeriod(ctx, navigator.NewDate(2027, time.September, 1))
		if err != nil || !rolled {
			t.Fatalf("roll: %v %v", rolled, err)
		}
		if set, _ := db.MunicipalitySettings(ctx, m.ID); set.Regime != navigator.RegimeSocial || set.SocialHours != navigator.WholeHours(72) {
			t.Fatalf("the new period: %q, %v h", set.Regime, set.SocialHours)
		}
		after, err := db.Certificate(ctx, number)
		must(t, err)
		if !after.Social() || after.HoursBalance != navigator.WholeHours(72) || after.HoursNominal != navigator.WholeHours(72) || after.Balance != 0 || after.Reserve != cert.Reserve+k.Reserved {
			t.Fatalf("after the switch: unit %q, %v h of %v, %v left and %v reserved in roubles (contract reserved %v)",
				after.Unit, after.HoursBalance, after.HoursNominal, after.Balance, after.Reserve, k.Reserved)
		}
		// The ПФДО contract is charged in roubles after the boundary.
		sum, err := db.ChargeMonth(ctx, "2027-10")
		must(t, err)
		var charged navigator.Money
		must(t, db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE contract_id = ? AND kind = 'charge' AND unit = 'rub'", k.ID).Scan(&charged)
		}))
		if sum.Charged == 0 || charged != k.CertificateMonthly {
			t.Fatalf("October 2027: %d charged, the contract %v, want %v", sum.Charged, charged, k.CertificateMonthly)
		}
	})
}

// TestSocialHoursByAge: a municipality gives children of an age range
// another volume; a certificate gets its child's range's hours, other ages
// the municipality's; overlapping ranges are refused beside the field.
func TestSocialHoursByAge(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newSocialFixture(t, db, 0, 1)
		operator, office, _ := demoOperator(t, db)
		set, err := db.MunicipalitySettings(ctx, f.mun)
		must(t, err)
		set.SocialHoursByAge = []navigator.AgeHours{{AgeFrom: 10, AgeTo: 12, Hours: navigator.WholeHours(100)}, {AgeFrom: 5, AgeTo: 5, Hours: navigator.WholeHours(36)}}
		_, err = db.SaveMunicipalitySettings(ctx, *set, nil)
		must(t, err)
		bad := *set
		bad.SocialHoursByAge = []navigator.AgeHours{{AgeFrom: 10, AgeTo: 12, Hours: 100}, {AgeFrom: 12, AgeTo: 14, Hours: 100}}
		if _, err := db.SaveMunicipalitySettings(ctx, bad, nil); codeOf(err) != "" || !strings.Contains(fmt.Sprint(err), "пересекаются") {
			t.Fatalf("overlapping ranges: %v", err)
		}
		var starts navigator.Date
		must(t, db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT starts_on FROM periods WHERE is_current = TRUE").Scan(&starts)
		}))
		for _, c := range []struct {
			age  int
			want navigator.Hours
		}{{11, navigator.WholeHours(100)}, {7, navigator.WholeHours(500)}} {
			birth := navigator.NewDate(starts.Time().Year()-c.age, 1, 1)
			fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, f.mun, operator, office, birth, []string{fmt.Sprintf("age-%d-%d", f.mun, c.age)})
			must(t, err)
			var number string
			must(t, db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT number FROM certificates WHERE child_id = ?", fams[0].ChildID).Scan(&number)
			}))
			cert, err := db.ChangeCertificate(ctx, number, navigator.CertificateFinancing, nil, nil)
			must(t, err)
			if cert.HoursNominal != c.want || cert.HoursBalance != c.want {
				t.Fatalf("a child of %d: %v h, want %v", c.age, cert.HoursNominal, c.want)
			}
		}
		if got, _ := db.MunicipalitySettings(ctx, f.mun); len(got.SocialHoursByAge) != 2 || got.SocialHoursByAge[0].AgeFrom != 5 {
			t.Fatalf("the ranges kept: %+v", got.SocialHoursByAge)
		}
	})
}
