package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// DayMarks is a provider's marks of one lesson day of a group.
type DayMarks struct {
	GroupID        int64
	OrganizationID int64 // the writer's organization: another's group is not found
	StaffID        int64
	On             navigator.Date
	Entries        []navigator.AttendanceEntry
}

// PutAttendance writes a day's marks of a group in one transaction, with
// its audit entry: all of them or, when any is refused, none. Refused
// with not_a_lesson when the group does not meet that day, future after
// today, not_enrolled for a child without a contract in this group in
// force that day (before its start, after its end), and reported when
// the month's hours were already sent to the municipality.
func (db *DB) PutAttendance(ctx context.Context, in DayMarks, audit *AuditEntry) (*JournalDay, error) {
	if err := navigator.CheckAttendanceEntries(in.Entries); err != nil {
		return nil, err
	}
	var day *JournalDay
	err := db.Update(ctx, func(tx *Tx) error {
		g, err := groupPlace(ctx, tx, in.GroupID)
		if err != nil {
			return err
		}
		if g.OrganizationID != in.OrganizationID {
			return navigator.NotFound("Группа не найдена.")
		}
		lesson, ok := navigator.LessonOn(g.Schedule, g.StartsOn, g.EndsOn, in.On)
		if !ok {
			return navigator.AttendanceRefusal("not_a_lesson", fmt.Sprintf("%s у группы нет занятия: день недели не в расписании или вне сроков группы (%s — %s).",
				in.On.Russian(), g.StartsOn.Russian(), g.EndsOn.Russian()))
		}
		if navigator.Today(tx.Now()).Before(in.On) {
			return navigator.AttendanceRefusal("future", fmt.Sprintf("Занятие %s ещё не прошло: отметить посещение можно в день занятия или позже.", in.On.Russian()))
		}
		var f navigator.Fields
		contracts := make([]int64, len(in.Entries))
		for i, e := range in.Entries {
			k, err := contractOn(ctx, tx, in.GroupID, e.ChildID, in.On)
			if err != nil {
				return err
			}
			if k == 0 {
				f.Add(fmt.Sprintf("entries[%d].child_id", i), "not_enrolled", fmt.Sprintf("У ребёнка № %d нет договора в этой группе, действующего %s.", e.ChildID, in.On.Russian()))
				continue
			}
			if err := notReported(ctx, tx, k, in.On); err != nil {
				return err
			}
			contracts[i] = k
		}
		if len(f) > 0 {
			e := navigator.Invalid(f...)
			e.Code, e.Message = "not_enrolled", f[0].Message
			return e
		}
		var by any
		if in.StaffID != 0 {
			by = in.StaffID
		}
		for i, e := range in.Entries {
			if _, err := tx.Exec(ctx, `INSERT INTO attendance (group_id, lesson_on, child_id, contract_id, mark, hours, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (group_id, lesson_on, child_id) DO UPDATE SET contract_id = excluded.contract_id, mark = excluded.mark, hours = excluded.hours,
					marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
				in.GroupID, in.On, e.ChildID, contracts[i], string(e.Mark), int64(lesson.Hours), by, tx.Now()); err != nil {
				return fmt.Errorf("attendance: %w", mapError(err))
			}
		}
		if audit != nil {
			a := *audit
			a.Details = fmt.Sprintf("%s, отметок: %d", in.On, len(in.Entries))
			if err := auditSubject(ctx, tx, &a, "group", in.GroupID); err != nil {
				return err
			}
		}
		_, days, err := journal(ctx, tx, g, in.On, in.On)
		if err != nil {
			return err
		}
		day = &days[0]
		return nil
	})
	return day, err
}

// contractOn is the child's contract in the group in force on a day, or 0.
func contractOn(ctx context.Context, tx *Tx, groupID, childID int64, on navigator.Date) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT c.id FROM contracts c JOIN applications a ON a.id = c.application_id
		WHERE a.group_id = ? AND a.child_id = ? AND c.starts_on <= ? AND COALESCE(c.ended_on, c.ends_on) >= ? ORDER BY c.id DESC LIMIT 1`,
		groupID, childID, on, on).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// notReported refuses a change of a month whose hours of the contract are
// in a report sent to the municipality or accepted.
func notReported(ctx context.Context, tx *Tx, contractID int64, on navigator.Date) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM executor_report_lines l JOIN executor_reports r ON r.id = l.report_id
		WHERE l.contract_id = ? AND r.month = ? AND r.status IN ('submitted', 'accepted')`, contractID, on.String()[:7]).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &navigator.Error{Kind: navigator.KindConflict, Code: "reported",
			Message: "Часы этого месяца уже в отчёте, направленном в муниципалитет: журнал месяца не меняется. Если нужно исправить, попросите вернуть отчёт."}
	}
	return nil
}
