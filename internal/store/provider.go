package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
)

// ProviderApplication is a line of a provider's applications: what the
// provider may know of the child — name, age, certificate type — and
// never a СНИЛС or a document.
type ProviderApplication struct {
	ID              int64          `json:"id"`
	ChildName       string         `json:"child_name"`
	BirthDate       navigator.Date `json:"-"`
	Age             int            `json:"age"`
	CertificateType string         `json:"certificate_type"`
	ProgramID       int64          `json:"program_id"`
	Program         string         `json:"program"`
	GroupID         int64          `json:"group_id"`
	Group           string         `json:"group"`
	Status          string         `json:"status"`
	Reason          string         `json:"reason"`
	CreatedAt       time.Time      `json:"created_at"`
}

// ProviderApplications lists the applications to an organization's
// groups, oldest first.
func (db *DB) ProviderApplications(ctx context.Context, organizationID, groupID int64, status string) ([]ProviderApplication, error) {
	q := `SELECT a.id, TRIM(c.last_name || ' ' || c.first_name || ' ' || c.patronymic), c.birth_date, COALESCE(s.type, ''),
			p.id, p.title, g.id, g.name, a.status, a.reason, a.created_at
		FROM applications a JOIN children c ON c.id = a.child_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
		LEFT JOIN certificates s ON s.child_id = c.id
		WHERE p.organization_id = ?`
	args := []any{organizationID}
	if groupID != 0 {
		q, args = q+" AND g.id = ?", append(args, groupID)
	}
	if status != "" {
		q, args = q+" AND a.status = ?", append(args, status)
	}
	out := []ProviderApplication{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY a.id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		today := navigator.Today(tx.Now())
		for rows.Next() {
			var r ProviderApplication
			if err := rows.Scan(&r.ID, &r.ChildName, &r.BirthDate, &r.CertificateType, &r.ProgramID, &r.Program, &r.GroupID, &r.Group,
				&r.Status, &r.Reason, &r.CreatedAt); err != nil {
				return err
			}
			r.Age = r.BirthDate.AgeOn(today)
			if strings.TrimSpace(r.ChildName) == "" {
				r.ChildName = "Без ФИО"
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("provider applications: %w", err)
	}
	return out, nil
}

// appForProvider loads an application of the organization inside tx.
func appForProvider(ctx context.Context, tx *Tx, appID, organizationID int64) (groupID int64, status navigator.ApplicationStatus, err error) {
	var org int64
	err = tx.QueryRow(ctx, `SELECT a.group_id, a.status, p.organization_id FROM applications a JOIN groups g ON g.id = a.group_id
		JOIN programs p ON p.id = g.program_id WHERE a.id = ?`, appID).Scan(&groupID, &status, &org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return 0, "", navigator.NotFound("Заявка не найдена.")
	}
	return groupID, status, err
}

// setStatus changes an application's status and tells the parent.
func setStatus(ctx context.Context, tx *Tx, appID int64, status navigator.ApplicationStatus, reason string) error {
	holds := status == navigator.AppPending || status == navigator.AppAccepted || status == navigator.AppEnrolled
	if _, err := tx.Exec(ctx, "UPDATE applications SET status = ?, holds_seat = ?, reason = ?, status_changed_at = ? WHERE id = ?",
		string(status), holds, reason, tx.Now(), appID); err != nil {
		return err
	}
	return notifyStatus(ctx, tx, appID, status)
}

// AcceptApplication is the provider's «принять»: the seat stays held and a
// contract awaits.
func (db *DB) AcceptApplication(ctx context.Context, appID, organizationID int64, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, status, err := appForProvider(ctx, tx, appID, organizationID)
		if err != nil {
			return err
		}
		if status != navigator.AppPending {
			return navigator.Errorf(navigator.KindConflict, "Принять можно только заявку на рассмотрении, а эта — «%s».", status.Title())
		}
		if err := setStatus(ctx, tx, appID, navigator.AppAccepted, ""); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
}

// RejectApplication refuses an application with a reason; a held seat
// goes to the first wait-listed application.
func (db *DB) RejectApplication(ctx context.Context, appID, organizationID int64, reason string, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		groupID, status, err := appForProvider(ctx, tx, appID, organizationID)
		if err != nil {
			return err
		}
		if status != navigator.AppPending && status != navigator.AppAccepted && status != navigator.AppWaitlisted {
			return navigator.Errorf(navigator.KindConflict, "Отклонить можно заявку на рассмотрении, одобренную или в очереди, а эта — «%s».", status.Title())
		}
		if err := setStatus(ctx, tx, appID, navigator.AppRejected, reason); err != nil {
			return err
		}
		if status != navigator.AppWaitlisted {
			if err := freeSeat(ctx, tx, groupID); err != nil {
				return err
			}
		}
		if err := refreshProgramOfGroup(ctx, tx, groupID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
}

func refreshProgramOfGroup(ctx context.Context, tx *Tx, groupID int64) error {
	var programID int64
	if err := tx.QueryRow(ctx, "SELECT program_id FROM groups WHERE id = ?", groupID).Scan(&programID); err != nil {
		return err
	}
	return refreshProgram(ctx, tx, programID)
}

// Contract is what enrolment made.
type Contract struct {
	ID                 int64           `json:"id"`
	Number             string          `json:"number"`
	StartsOn           navigator.Date  `json:"starts_on"`
	EndsOn             navigator.Date  `json:"ends_on"`
	Months             int             `json:"months"`
	PricePerMonth      navigator.Money `json:"price_per_month"`
	CertificateMonthly navigator.Money `json:"certificate_monthly"`
	FamilyMonthly      navigator.Money `json:"family_monthly"`
	Reserved           navigator.Money `json:"reserved"`
}

// months counts the calendar months a contract spans, both ends included.
func months(from, to navigator.Date) int {
	f, t := from.Time(), to.Time()
	n := (t.Year()-f.Year())*12 + int(t.Month()-f.Month()) + 1
	return max(n, 1)
}

// EnrollApplication concludes the contract: a financing certificate in a
// certified program reserves min(price, normative cost) for each month of
// the contract, as far as its balance goes (422 balance when it is
// empty), and the family pays the rest.
func (db *DB) EnrollApplication(ctx context.Context, appID, organizationID int64, audit *AuditEntry) (*Contract, error) {
	var k Contract
	err := db.Update(ctx, func(tx *Tx) error {
		_, status, err := appForProvider(ctx, tx, appID, organizationID)
		if err != nil {
			return err
		}
		if status != navigator.AppPending && status != navigator.AppAccepted {
			return navigator.Errorf(navigator.KindConflict, "Зачислить можно по заявке на рассмотрении или одобренной, а эта — «%s».", status.Title())
		}
		var registry navigator.Registry
		var price, normative navigator.Money
		var startsOn, endsOn navigator.Date
		var certID sql.NullInt64
		if err := tx.QueryRow(ctx, `SELECT p.registry, m.price, m.normative_cost, g.starts_on, g.ends_on, s.id
			FROM applications a JOIN groups g ON g.id = a.group_id JOIN modules m ON m.id = g.module_id JOIN programs p ON p.id = g.program_id
			LEFT JOIN certificates s ON s.child_id = a.child_id WHERE a.id = ?`, appID).Scan(&registry, &price, &normative, &startsOn, &endsOn, &certID); err != nil {
			return err
		}
		today := navigator.Today(tx.Now())
		if startsOn.Before(today) {
			startsOn = today
		}
		if endsOn.Before(startsOn) {
			return navigator.Errorf(navigator.KindConflict, "Занятия группы уже закончились: зачислить нельзя.")
		}
		k = Contract{StartsOn: startsOn, EndsOn: endsOn, Months: months(startsOn, endsOn), PricePerMonth: price, FamilyMonthly: price}
		var cert *navigator.Certificate
		if certID.Valid {
			if cert, err = findCertificate(ctx, tx, "s.id = ?", certID.Int64); err != nil {
				return err
			}
		}
		if registry == navigator.RegistryCertified && cert != nil && cert.Type == navigator.CertificateFinancing && cert.Status == navigator.CertificateActive {
			if cert.Balance <= 0 {
				return &navigator.Error{Kind: navigator.KindInvalid, Code: "balance",
					Message: "На сертификате не осталось средств в этом периоде: зачислить с оплатой сертификатом нельзя. Семья может оплатить обучение сама."}
			}
			// The certificate pays min(price, normative cost) a month as far
			// as its balance goes; the family pays the rest.
			k.CertificateMonthly = navigator.Min(price, normative, cert.Balance/navigator.Money(k.Months))
			k.FamilyMonthly = price - k.CertificateMonthly
			k.Reserved = k.CertificateMonthly * navigator.Money(k.Months)
		}
		k.Number = fmt.Sprintf("Д-%06d", appID)
		var certArg any
		if certID.Valid {
			certArg = certID.Int64
		}
		if k.ID, err = tx.InsertID(ctx, `INSERT INTO contracts (application_id, certificate_id, number, starts_on, ends_on, price_per_month,
				certificate_monthly, family_monthly, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, certArg, k.Number, k.StartsOn, k.EndsOn,
			int64(k.PricePerMonth), int64(k.CertificateMonthly), int64(k.FamilyMonthly), tx.Now()); err != nil {
			return fmt.Errorf("contract: %w", mapError(err))
		}
		if k.Reserved > 0 {
			var periodID int64
			if err := tx.QueryRow(ctx, "SELECT period_id FROM certificates WHERE id = ?", cert.ID).Scan(&periodID); err != nil {
				return err
			}
			if err := contractLedger(ctx, tx, cert.ID, periodID, "reserve", k.Reserved, k.ID, fmt.Sprintf("Резерв по договору %s", k.Number)); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE certificates SET balance = balance - ?, reserve = reserve + ? WHERE id = ?", int64(k.Reserved), int64(k.Reserved), cert.ID); err != nil {
				return mapError(err)
			}
		}
		if err := setStatus(ctx, tx, appID, navigator.AppEnrolled, ""); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// GroupOfOrganization returns «program — group» of an organization's
// group, or not found.
func (db *DB) GroupOfOrganization(ctx context.Context, groupID, organizationID int64) (string, error) {
	var title, name string
	var org int64
	err := db.queryRow(ctx, `SELECT p.title, g.name, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?`, groupID).
		Scan(&title, &name, &org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return "", navigator.NotFound("Группа не найдена.")
	}
	if err != nil {
		return "", err
	}
	return title + " — " + name, nil
}
