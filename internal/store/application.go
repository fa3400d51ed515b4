package store

import (
	"context"
	"fmt"
	"time"
)

// ApplicationRow is a line of a «Заявки» tab.
type ApplicationRow struct {
	ID        int64     `json:"id"`
	ChildID   int64     `json:"child_id"`
	ChildName string    `json:"child_name"`
	ProgramID int64     `json:"program_id"`
	Program   string    `json:"program"`
	Group     string    `json:"group"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

// ApplicationsOf returns the applications of a site user's children, or
// of one child when childID is not 0, newest first.
func (db *DB) ApplicationsOf(ctx context.Context, siteUserID, childID int64) ([]ApplicationRow, error) {
	q := `SELECT a.id, a.child_id, TRIM(c.last_name || ' ' || c.first_name || ' ' || c.patronymic), p.id, p.title, g.name, a.status, a.reason, a.created_at
		FROM applications a JOIN children c ON c.id = a.child_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
		WHERE a.site_user_id = ?`
	args := []any{siteUserID}
	if childID != 0 {
		q, args = q+" AND a.child_id = ?", append(args, childID)
	}
	out := []ApplicationRow{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY a.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ApplicationRow
			if err := rows.Scan(&r.ID, &r.ChildID, &r.ChildName, &r.ProgramID, &r.Program, &r.Group, &r.Status, &r.Reason, &r.CreatedAt); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("applications: %w", err)
	}
	return out, nil
}
