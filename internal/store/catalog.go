package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// programColumns are what a catalog card shows, in scanProgram's order.
const programColumns = `p.id, p.title, p.description, p.direction, p.organization_id, o.name,
	p.municipality_id, p.age_from, p.age_to, p.registry, p.form_of_study, p.ovz, p.address,
	p.status, p.min_price, p.min_normative, p.seats_left, p.updated_at,
	(SELECT mu.name FROM municipalities mu WHERE mu.id = p.municipality_id),
	(SELECT COALESCE(SUM(md.months), 0) FROM modules md WHERE md.program_id = p.id),
	(SELECT COALESCE(SUM(md.months * md.price), 0) FROM modules md WHERE md.program_id = p.id)`

func scanProgram(row interface{ Scan(...any) error }, p *navigator.Program, extra ...any) error {
	var updated time.Time
	dest := []any{&p.ID, &p.Title, &p.Description, &p.Direction, &p.OrganizationID, &p.Organization,
		&p.MunicipalityID, &p.AgeFrom, &p.AgeTo, &p.Registry, &p.FormOfStudy, &p.OVZ, &p.Address,
		&p.Status, &p.PricePerMonth, &p.NormativeCost, &p.SeatsLeft, &updated,
		&p.Municipality, &p.Months, &p.TotalCost}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	p.UpdatedAt = updated.UTC()
	return nil
}

// ListPrograms returns a page of published programs matching the filter.
// A query matches programs that contain every word of it in any form;
// with a query the best match comes first.
func (db *DB) ListPrograms(ctx context.Context, f navigator.ProgramFilter) (*navigator.ProgramPage, error) {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q, ok := db.catalogQuery(f)
	if !ok {
		// Only stop words or punctuation: nothing can match.
		return &navigator.ProgramPage{Items: []navigator.Program{}}, nil
	}
	page := &navigator.ProgramPage{Items: []navigator.Program{}}
	err := db.viewCatalog(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q.page, q.pageArgs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p navigator.Program
			var s float64
			if err := scanProgram(rows, &p, &s); err != nil {
				return err
			}
			page.Items = append(page.Items, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if f.Page == 1 && len(page.Items) < f.PerPage {
			page.Total = len(page.Items) // the whole list is on this page
			return nil
		}
		return tx.QueryRow(ctx, q.count, q.countArgs...).Scan(&page.Total)
	})
	if err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	return page, nil
}

// bytewise makes PostgreSQL order text by bytes as SQLite does, so that
// both engines give the same order.
func (db *DB) bytewise() string {
	if db.engine == Postgres {
		return ` COLLATE "C"`
	}
	return ""
}

// Program returns a published program with its modules and groups.
func (db *DB) Program(ctx context.Context, id int64) (*navigator.Program, error) {
	var p navigator.Program
	err := db.viewCatalog(ctx, func(tx *Tx) error {
		return findProgram(ctx, tx, id, true, &p)
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func findProgram(ctx context.Context, tx *Tx, id int64, publishedOnly bool, p *navigator.Program) error {
	q := "SELECT " + programColumns + " FROM programs p JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?"
	if publishedOnly {
		q += " AND p.status = 'published'"
	}
	if err := scanProgram(tx.QueryRow(ctx, q, id), p); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Программа не найдена.")
		}
		return fmt.Errorf("find program %d: %w", id, err)
	}
	var err error
	if p.Modules, err = findModules(ctx, tx, id); err != nil {
		return err
	}
	p.Groups, err = findGroups(ctx, tx, id)
	return err
}

func findModules(ctx context.Context, tx *Tx, programID int64) ([]navigator.Module, error) {
	rows, err := tx.Query(ctx, `SELECT id, program_id, name, hours, months, price, normative_cost, min_children, max_children
		FROM modules WHERE program_id = ? ORDER BY id`, programID)
	if err != nil {
		return nil, fmt.Errorf("find modules: %w", err)
	}
	defer rows.Close()
	out := []navigator.Module{}
	for rows.Next() {
		var m navigator.Module
		if err := rows.Scan(&m.ID, &m.ProgramID, &m.Name, &m.Hours, &m.Months, &m.PricePerMonth, &m.NormativeCost, &m.MinChildren, &m.MaxChildren); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func findGroups(ctx context.Context, tx *Tx, programID int64) ([]navigator.Group, error) {
	rows, err := tx.Query(ctx, `SELECT g.id, g.module_id, g.program_id, g.name, g.capacity, g.capacity - g.seats_taken,
			g.accepting, g.starts_on, g.ends_on, g.teacher, m.name, m.price
		FROM groups g JOIN modules m ON m.id = g.module_id WHERE g.program_id = ? ORDER BY g.module_id, g.id`, programID)
	if err != nil {
		return nil, fmt.Errorf("find groups: %w", err)
	}
	out := []navigator.Group{}
	byID := map[int64]int{}
	for rows.Next() {
		var g navigator.Group
		if err := rows.Scan(&g.ID, &g.ModuleID, &g.ProgramID, &g.Name, &g.Capacity, &g.SeatsLeft,
			&g.Accepting, &g.StartsOn, &g.EndsOn, &g.Teacher, &g.Module, &g.Price); err != nil {
			rows.Close()
			return nil, err
		}
		g.Schedule = []navigator.ScheduleRow{}
		byID[g.ID] = len(out)
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	srows, err := tx.Query(ctx, `SELECT s.group_id, s.weekday, s.starts_at, s.ends_at, s.room, s.address
		FROM group_schedule s JOIN groups g ON g.id = s.group_id WHERE g.program_id = ? ORDER BY s.group_id, s.weekday, s.starts_at`, programID)
	if err != nil {
		return nil, fmt.Errorf("find schedule: %w", err)
	}
	defer srows.Close()
	for srows.Next() {
		var gid int64
		var r navigator.ScheduleRow
		if err := srows.Scan(&gid, &r.Weekday, &r.Start, &r.End, &r.Room, &r.Address); err != nil {
			return nil, err
		}
		if i, ok := byID[gid]; ok {
			out[i].Schedule = append(out[i].Schedule, r)
		}
	}
	return out, srows.Err()
}

// ProgramExists reports a not-found error unless the program exists; it is
// the cheapest read of the catalog and the benchmarks' baseline.
func (db *DB) ProgramExists(ctx context.Context, id int64) error {
	var n int64
	err := db.queryRow(ctx, "SELECT id FROM programs WHERE id = ?", id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return navigator.NotFound("Программа не найдена.")
	}
	return err
}
