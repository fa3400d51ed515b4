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
	ID              int64                     `json:"id"`
	ChildName       string                    `json:"child_name"`
	BirthDate       navigator.Date            `json:"-"`
	Age             int                       `json:"age"`
	CertificateType navigator.CertificateType `json:"certificate_type"`
	ProgramID       int64                     `json:"program_id"`
	Program         string                    `json:"program"`
	GroupID         int64                     `json:"group_id"`
	Group           string                    `json:"group"`
	Status          string                    `json:"status"`
	Reason          string                    `json:"reason"`
	CreatedAt       time.Time                 `json:"created_at"`
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
	if err := changeStatus(ctx, tx, appID, status, reason); err != nil {
		return err
	}
	return notifyStatus(ctx, tx, appID, status)
}

// changeStatus changes an application's status; the caller writes to the
// parent.
func changeStatus(ctx context.Context, tx *Tx, appID int64, status navigator.ApplicationStatus, reason string) error {
	holds := status == navigator.AppPending || status == navigator.AppAccepted || status == navigator.AppEnrolled
	_, err := tx.Exec(ctx, "UPDATE applications SET status = ?, holds_seat = ?, reason = ?, status_changed_at = ? WHERE id = ?",
		string(status), holds, reason, tx.Now(), appID)
	if err != nil || holds || status == navigator.AppCompleted {
		return err // a completed contract used the hours it held
	}
	return releaseOrder(ctx, tx, appID)
}

// AcceptApplication is the provider's «Принять»: the seat stays held and
// the contract offer goes to the parent, who accepts it in the cabinet
// within the municipality's number of days.
func (db *DB) AcceptApplication(ctx context.Context, appID, organizationID, staffID int64, audit *AuditEntry) (*ContractOffer, error) {
	var o *ContractOffer
	err := db.Update(ctx, func(tx *Tx) error {
		_, status, err := appForProvider(ctx, tx, appID, organizationID)
		if err != nil {
			return err
		}
		if status != navigator.AppPending {
			return navigator.Errorf(navigator.KindConflict, "Принять можно только заявку на рассмотрении, а эта — «%s».", status.Title())
		}
		if o, err = offerContract(ctx, tx, appID, staffID); err != nil {
			return err
		}
		if err := changeStatus(ctx, tx, appID, navigator.AppAccepted, ""); err != nil {
			return err
		}
		if err := queueOfferLetter(ctx, tx, appID, o); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
	return o, err
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
		if err := withdrawOffer(ctx, tx, appID); err != nil {
			return err
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
	// A contract by social certificate: the hours a month it covers, the
	// cost of an hour, and the hours it reserves.
	Unit          string          `json:"unit"`
	HoursMonthly  navigator.Hours `json:"hours_monthly,omitempty"`
	HourCost      navigator.Money `json:"hour_cost,omitempty"`
	ReservedHours navigator.Hours `json:"reserved_hours,omitempty"`
}
