package store

import (
	"context"
	"fmt"
	"strings"

	"navigator"
)

// InboxFilter selects a provider's applications for «Заявки».
type InboxFilter struct {
	Status    string
	ProgramID int64
	GroupID   int64
	Page      int // from 1
	PerPage   int
}

// InboxRow is a line of the provider's «Заявки»: the application, the
// parent's contacts and where its contract is.
type InboxRow struct {
	ProviderApplication
	ParentName  string
	ParentPhone string
	ParentEmail string
	// OfferStatus is the contract offer's: offered, accepted, paper,
	// expired, withdrawn, or empty without one.
	OfferStatus string
	AcceptBy    navigator.Date
	// ContractStatus is the contract's: active, ending, ended, or empty.
	ContractStatus string
	EndsOn         navigator.Date
}

// ProviderInbox lists a page of the applications to an organization's
// groups, oldest first, and how many match in all.
func (db *DB) ProviderInbox(ctx context.Context, organizationID int64, f InboxFilter) ([]InboxRow, int, error) {
	pg := navigator.PageOf(f.Page, f.PerPage, navigator.DefaultPerPage)
	where := " WHERE p.organization_id = ?"
	args := []any{organizationID}
	if f.Status != "" {
		where, args = where+" AND a.status = ?", append(args, f.Status)
	}
	if f.ProgramID != 0 {
		where, args = where+" AND p.id = ?", append(args, f.ProgramID)
	}
	if f.GroupID != 0 {
		where, args = where+" AND g.id = ?", append(args, f.GroupID)
	}
	from := ` FROM applications a JOIN children c ON c.id = a.child_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id`
	var out []InboxRow
	var total int
	err := db.View(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, "SELECT count(*)"+from+where, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT a.id, TRIM(c.last_name || ' ' || c.first_name || ' ' || c.patronymic), c.birth_date, COALESCE(s.type, ''),
				p.id, p.title, g.id, g.name, a.status, a.reason, a.created_at,
				TRIM(u.last_name || ' ' || u.first_name || ' ' || u.patronymic), u.phone, u.email,
				COALESCE(o.status, ''), o.expires_on, COALESCE(k.status, ''), COALESCE(k.ended_on, k.ends_on)`+from+`
			JOIN site_users u ON u.id = a.site_user_id LEFT JOIN certificates s ON s.child_id = c.id
			LEFT JOIN contract_offers o ON o.application_id = a.id LEFT JOIN contracts k ON k.application_id = a.id`+where+
			" ORDER BY a.id LIMIT ? OFFSET ?", append(args, pg.PerPage, pg.Offset())...)
		if err != nil {
			return err
		}
		defer rows.Close()
		today := navigator.Today(tx.Now())
		for rows.Next() {
			var r InboxRow
			var endsOn navigator.Date
			if err := rows.Scan(&r.ID, &r.ChildName, &r.BirthDate, &r.CertificateType, &r.ProgramID, &r.Program, &r.GroupID, &r.Group,
				&r.Status, &r.Reason, &r.CreatedAt, &r.ParentName, &r.ParentPhone, &r.ParentEmail,
				&r.OfferStatus, &r.AcceptBy, &r.ContractStatus, &endsOn); err != nil {
				return err
			}
			r.EndsOn = endsOn
			r.Age = r.BirthDate.AgeOn(today)
			if strings.TrimSpace(r.ChildName) == "" {
				r.ChildName = "Без ФИО"
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("provider inbox: %w", err)
	}
	return out, total, nil
}

// NewApplications counts the applications on review at an organization:
// the figure beside «Заявки» in the menu.
func (db *DB) NewApplications(ctx context.Context, organizationID int64) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM applications a JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
		WHERE p.organization_id = ? AND a.status = 'pending'`, organizationID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("new applications: %w", err)
	}
	return n, nil
}
