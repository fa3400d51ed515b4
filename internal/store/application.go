package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
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

// CreateApplication applies a parent's child to a group: the seat is
// claimed inside the transaction, so a group never holds more than its
// capacity; without a free seat the application waits in the server's
// order of arrival. The rules of registries and certificates come with
// the enrolment service; here the child must be the parent's, the group
// accepting, the age fitting, and the application not a duplicate.
func (db *DB) CreateApplication(ctx context.Context, siteUserID, childID, groupID int64) (int64, navigator.ApplicationStatus, error) {
	var id int64
	var status navigator.ApplicationStatus
	err := db.Update(ctx, func(tx *Tx) error {
		var c ChildRecord
		if err := findChild(ctx, tx, childID, &c); err != nil || c.SiteUserID != siteUserID || c.Deleted {
			return navigator.NotFound("Ребёнок не найден.")
		}
		var programID int64
		var accepting bool
		var ageFrom, ageTo int
		var startsOn navigator.Date
		err := tx.QueryRow(ctx, `SELECT g.program_id, g.accepting, p.age_from, p.age_to, g.starts_on FROM groups g JOIN programs p ON p.id = g.program_id
			WHERE g.id = ? AND p.status = 'published'`, groupID).Scan(&programID, &accepting, &ageFrom, &ageTo, &startsOn)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Группа не найдена.")
		}
		if err != nil {
			return err
		}
		if !accepting {
			return &navigator.Error{Kind: navigator.KindInvalid, Code: "closed", Message: "Запись в эту группу закрыта. Выберите другую группу."}
		}
		if age := c.BirthDate.AgeOn(navigator.DateOf(tx.Now())); age < ageFrom || age > ageTo {
			return &navigator.Error{Kind: navigator.KindInvalid, Code: "age",
				Message: fmt.Sprintf("Программа для детей от %d до %d лет, а ребёнку %d. Выберите программу по возрасту.", ageFrom, ageTo, age)}
		}
		var certID any
		if c.Certificate != nil {
			certID = c.Certificate.ID
		}
		res, err := tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity", groupID)
		if err != nil {
			return err
		}
		status = navigator.AppWaitlisted
		if n, _ := res.RowsAffected(); n == 1 {
			status = navigator.AppPending
		}
		id, err = tx.InsertID(ctx, `INSERT INTO applications (child_id, group_id, site_user_id, certificate_id, status, holds_seat, created_at, status_changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, childID, groupID, siteUserID, certID, string(status), status == navigator.AppPending, tx.Now(), tx.Now())
		if isUnique(err, "") {
			return &navigator.Error{Kind: navigator.KindConflict, Code: "duplicate", Message: "Ребёнок уже записан в эту группу или стоит в её очереди."}
		}
		if err != nil {
			return fmt.Errorf("create application: %w", err)
		}
		return refreshProgram(ctx, tx, programID)
	})
	return id, status, err
}

// CancelApplication withdraws a parent's live application; a freed seat
// goes to the first wait-listed application of the group.
func (db *DB) CancelApplication(ctx context.Context, siteUserID, appID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		var groupID, owner int64
		var status navigator.ApplicationStatus
		err := tx.QueryRow(ctx, "SELECT group_id, site_user_id, status FROM applications WHERE id = ?", appID).Scan(&groupID, &owner, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != siteUserID) {
			return navigator.NotFound("Заявка не найдена.")
		}
		if err != nil {
			return err
		}
		if !status.Live() {
			return navigator.Errorf(navigator.KindConflict, "Заявку в статусе «%s» отозвать нельзя.", status.Title())
		}
		if status == navigator.AppEnrolled {
			return navigator.Errorf(navigator.KindConflict, "Ребёнок уже зачислен: чтобы прекратить обучение, расторгните договор у организатора.")
		}
		if _, err := tx.Exec(ctx, "UPDATE applications SET status = 'cancelled', holds_seat = FALSE, status_changed_at = ? WHERE id = ?", tx.Now(), appID); err != nil {
			return err
		}
		if status != navigator.AppWaitlisted {
			if err := freeSeat(ctx, tx, groupID); err != nil {
				return err
			}
		}
		var programID int64
		if err := tx.QueryRow(ctx, "SELECT program_id FROM groups WHERE id = ?", groupID).Scan(&programID); err != nil {
			return err
		}
		return refreshProgram(ctx, tx, programID)
	})
}

// freeSeat gives a freed seat to the first wait-listed application, or
// returns it to the group.
func freeSeat(ctx context.Context, tx *Tx, groupID int64) error {
	var next int64
	err := tx.QueryRow(ctx, "SELECT id FROM applications WHERE group_id = ? AND status = 'waitlisted' ORDER BY id LIMIT 1", groupID).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken - 1 WHERE id = ?", groupID)
		return err
	}
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE applications SET status = 'pending', holds_seat = TRUE, status_changed_at = ? WHERE id = ?", tx.Now(), next)
	return err
}
