package store

import (
	"context"
	"fmt"

	"navigator"
)

// Achievement is a child's result: a competition, an exhibition, a grade.
type Achievement struct {
	ID      int64          `json:"id"`
	ChildID int64          `json:"child_id"`
	Title   string         `json:"title"`
	Level   string         `json:"level"`
	On      navigator.Date `json:"date"`
	Result  string         `json:"result"`
	ByStaff bool           `json:"added_by_provider"`
}

// AddAchievement records an achievement added by the parent (siteUserID)
// or by a provider's staff (staffID).
func (db *DB) AddAchievement(ctx context.Context, a Achievement, siteUserID, staffID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO achievements (child_id, title, level, achieved_on, result, added_by_site_user_id, added_by_staff_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ChildID, a.Title, a.Level, a.On, a.Result, nullID(siteUserID), nullID(staffID), tx.Now())
		if err != nil {
			return fmt.Errorf("add achievement: %w", mapError(err))
		}
		return nil
	})
}

// AchievementsOf returns the achievements of a site user's children, newest first.
func (db *DB) AchievementsOf(ctx context.Context, siteUserID int64) ([]Achievement, error) {
	out := []Achievement{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT a.id, a.child_id, a.title, a.level, a.achieved_on, a.result, a.added_by_staff_id IS NOT NULL
			FROM achievements a JOIN children c ON c.id = a.child_id WHERE c.site_user_id = ? ORDER BY a.achieved_on DESC, a.id DESC`, siteUserID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a Achievement
			if err := rows.Scan(&a.ID, &a.ChildID, &a.Title, &a.Level, &a.On, &a.Result, &a.ByStaff); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// ChildAppliedTo reports whether the child has an application to a group
// of the organization: what lets its provider see the child and add an
// achievement.
func (db *DB) ChildAppliedTo(ctx context.Context, childID, organizationID int64) (bool, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM applications a JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
		WHERE a.child_id = ? AND p.organization_id = ?`, childID, organizationID).Scan(&n)
	return n > 0, err
}
