package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// GroupPlace is a group as the journal needs it: its provider, the
// municipalities concerned (the program's and its certificates'), its
// dates and weekly lessons.
type GroupPlace struct {
	GroupID        int64                   `json:"group_id"`
	Program        string                  `json:"program"`
	Group          string                  `json:"group"`
	OrganizationID int64                   `json:"organization_id"`
	Municipalities []int64                 `json:"-"`
	StartsOn       navigator.Date          `json:"starts_on"`
	EndsOn         navigator.Date          `json:"ends_on"`
	Schedule       []navigator.ScheduleRow `json:"schedule"`
}

// groupPlace loads a group's place inside tx; a missing group is not found.
func groupPlace(ctx context.Context, tx *Tx, groupID int64) (*GroupPlace, error) {
	g := &GroupPlace{GroupID: groupID}
	var mun int64
	err := tx.QueryRow(ctx, `SELECT p.title, g.name, p.organization_id, p.municipality_id, g.starts_on, g.ends_on
		FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?`, groupID).
		Scan(&g.Program, &g.Group, &g.OrganizationID, &mun, &g.StartsOn, &g.EndsOn)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Группа не найдена.")
	}
	if err != nil {
		return nil, fmt.Errorf("group %d: %w", groupID, err)
	}
	others, err := tx.ids(ctx, `SELECT DISTINCT s.municipality_id FROM contracts c JOIN applications a ON a.id = c.application_id
		JOIN certificates s ON s.id = c.certificate_id WHERE a.group_id = ? ORDER BY 1`, groupID)
	if err != nil {
		return nil, err
	}
	g.Municipalities = append([]int64{mun}, others...)
	if g.Schedule, err = groupSchedule(ctx, tx, groupID); err != nil {
		return nil, err
	}
	return g, nil
}

// GroupPlace is a group's provider, municipalities, dates and schedule.
func (db *DB) GroupPlace(ctx context.Context, groupID int64) (*GroupPlace, error) {
	var g *GroupPlace
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		g, err = groupPlace(ctx, tx, groupID)
		return err
	})
	return g, err
}

// JournalChild is a child of the journal with the contract it studies under.
type JournalChild struct {
	ChildID         int64          `json:"child_id"`
	Name            string         `json:"name"`
	ContractID      int64          `json:"contract_id"`
	AgreementNumber string         `json:"agreement_number,omitempty"` // only a contract by social certificate is an agreement
	From            navigator.Date `json:"from"`
	To              navigator.Date `json:"to"`
}

// In reports whether the child studies under its contract on a day.
func (c JournalChild) In(on navigator.Date) bool { return !on.Before(c.From) && !c.To.Before(on) }

// journalChildren are the children with a contract in the group in force
// on some day from one date to another, the last contract of each.
func journalChildren(ctx context.Context, tx *Tx, groupID int64, from, to navigator.Date) ([]JournalChild, error) {
	rows, err := tx.Query(ctx, `SELECT a.child_id, TRIM(ch.last_name || ' ' || ch.first_name || ' ' || ch.patronymic), c.id, c.number, c.unit,
			c.starts_on, COALESCE(c.ended_on, c.ends_on)
		FROM contracts c JOIN applications a ON a.id = c.application_id JOIN children ch ON ch.id = a.child_id
		WHERE a.group_id = ? AND c.starts_on <= ? AND COALESCE(c.ended_on, c.ends_on) >= ? AND COALESCE(c.ended_on, c.ends_on) >= c.starts_on
		ORDER BY ch.last_name, ch.first_name, ch.patronymic, a.child_id, c.id`, groupID, to, from)
	if err != nil {
		return nil, fmt.Errorf("journal children: %w", err)
	}
	defer rows.Close()
	var out []JournalChild
	for rows.Next() {
		var c JournalChild
		var number, unit string
		if err := rows.Scan(&c.ChildID, &c.Name, &c.ContractID, &number, &unit, &c.From, &c.To); err != nil {
			return nil, err
		}
		if c.Name == "" {
			c.Name = fmt.Sprintf("Ребёнок № %d", c.ChildID)
		}
		if unit == navigator.UnitHour {
			c.AgreementNumber = navigator.AgreementNumber(number)
		}
		if n := len(out); n > 0 && out[n-1].ChildID == c.ChildID {
			out[n-1] = c // a later contract of the same child
			continue
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// JournalDay is a lesson of the journal with the marks of its children.
type JournalDay struct {
	GroupID int64            `json:"group_id"`
	Date    navigator.Date   `json:"date"`
	Hours   navigator.Hours  `json:"hours"`
	Entries []JournalDayMark `json:"entries"`
}

// JournalDayMark is one child's mark at a lesson; Mark is empty when the
// child is not marked yet.
type JournalDayMark struct {
	ChildID int64          `json:"child_id"`
	Name    string         `json:"name"`
	Mark    navigator.Mark `json:"mark"`
}

// MonthJournal is a group's journal for a month: its lessons × the
// children studying then.
type MonthJournal struct {
	GroupPlace
	Month    string         `json:"month"`
	Children []JournalChild `json:"children"`
	Lessons  []JournalDay   `json:"lessons"`
}

// marksBetween are the marks of a group's lessons from one day to another.
func marksBetween(ctx context.Context, tx *Tx, groupID int64, from, to navigator.Date) (map[string]map[int64]navigator.Mark, error) {
	rows, err := tx.Query(ctx, "SELECT lesson_on, child_id, mark FROM attendance WHERE group_id = ? AND lesson_on >= ? AND lesson_on <= ?", groupID, from, to)
	if err != nil {
		return nil, fmt.Errorf("marks: %w", err)
	}
	defer rows.Close()
	out := map[string]map[int64]navigator.Mark{}
	for rows.Next() {
		var on navigator.Date
		var child int64
		var m navigator.Mark
		if err := rows.Scan(&on, &child, &m); err != nil {
			return nil, err
		}
		if out[on.String()] == nil {
			out[on.String()] = map[int64]navigator.Mark{}
		}
		out[on.String()][child] = m
	}
	return out, rows.Err()
}

// journal reads the journal of a group's lessons from one day to another.
func journal(ctx context.Context, tx *Tx, g *GroupPlace, from, to navigator.Date) ([]JournalChild, []JournalDay, error) {
	children, err := journalChildren(ctx, tx, g.GroupID, from, to)
	if err != nil {
		return nil, nil, err
	}
	marks, err := marksBetween(ctx, tx, g.GroupID, from, to)
	if err != nil {
		return nil, nil, err
	}
	days := []JournalDay{}
	for _, l := range navigator.LessonsBetween(g.Schedule, g.StartsOn, g.EndsOn, from, to) {
		d := JournalDay{GroupID: g.GroupID, Date: l.On, Hours: l.Hours, Entries: []JournalDayMark{}}
		for _, c := range children {
			if c.In(l.On) {
				d.Entries = append(d.Entries, JournalDayMark{ChildID: c.ChildID, Name: c.Name, Mark: marks[l.On.String()][c.ChildID]})
			}
		}
		days = append(days, d)
	}
	if children == nil {
		children = []JournalChild{}
	}
	return children, days, nil
}

// AttendanceMonth is a group's journal for a month "YYYY-MM".
func (db *DB) AttendanceMonth(ctx context.Context, groupID int64, month string) (*MonthJournal, error) {
	first, err := navigator.ParseMonth(month)
	if err != nil {
		return nil, err
	}
	last := navigator.EndOfMonth(first)
	var j *MonthJournal
	err = db.View(ctx, func(tx *Tx) error {
		g, err := groupPlace(ctx, tx, groupID)
		if err != nil {
			return err
		}
		j = &MonthJournal{GroupPlace: *g, Month: month}
		j.Children, j.Lessons, err = journal(ctx, tx, g, first, last)
		return err
	})
	return j, err
}
