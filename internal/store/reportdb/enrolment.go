package reportdb

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"navigator"
	"navigator/internal/report"
	"navigator/internal/store"
)

// ReportApplications counts applications to programs by the program's
// direction and the application's status, in the order of the menu.
func (q *Queries) Applications(ctx context.Context, f report.Filter) ([]report.ApplicationRow, error) {
	var w where
	w.id("p.municipality_id", f.MunicipalityID)
	w.id("p.organization_id", f.ProviderID)
	w.days("a.created_at", f.From, f.To)
	out := []report.ApplicationRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT p.direction, a.status, count(*) FROM applications a JOIN groups g ON g.id = a.group_id
			JOIN programs p ON p.id = g.program_id`+w.sql()+" GROUP BY p.direction, a.status", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.ApplicationRow
			if err := rows.Scan(&r.Direction, &r.Status, &r.Count); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report applications: %w", err)
	}
	slices.SortFunc(out, func(a, b report.ApplicationRow) int {
		return cmp.Or(cmp.Compare(directionOrder(a.Direction), directionOrder(b.Direction)), cmp.Compare(statusOrder(a.Status), statusOrder(b.Status)))
	})
	return out, nil
}

func directionOrder(code string) int {
	for i, d := range navigator.Directions {
		if d.Code == code {
			return i
		}
	}
	return len(navigator.Directions)
}

// statusOrder follows an application's way: pending, accepted, enrolled,
// completed, then the ways out.
func statusOrder(s string) int {
	return map[string]int{"pending": 1, "accepted": 2, "enrolled": 3, "completed": 4, "waitlisted": 5, "rejected": 6, "cancelled": 7}[s]
}

// ReportFill lists the groups of published programs with their seats: the
// seats held (pending, accepted and enrolled) against the capacity, and
// the children enrolled.
func (q *Queries) Fill(ctx context.Context, f report.Filter) ([]report.FillRow, error) {
	var w where
	w.add("p.status = 'published'")
	w.id("p.municipality_id", f.MunicipalityID)
	w.id("p.organization_id", f.ProviderID)
	out := []report.FillRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT g.id, p.municipality_id, m.name, o.id, o.name, p.id, p.title, g.name, g.capacity, g.seats_taken,
				(SELECT count(*) FROM applications a WHERE a.group_id = g.id AND a.status = 'enrolled')
			FROM groups g JOIN programs p ON p.id = g.program_id JOIN organizations o ON o.id = p.organization_id
			JOIN municipalities m ON m.id = p.municipality_id`+w.sql()+
			" ORDER BY m.name"+q.bytewise()+", o.name"+q.bytewise()+", p.title"+q.bytewise()+", g.name"+q.bytewise()+", g.id", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.FillRow
			if err := rows.Scan(&r.GroupID, &r.MunicipalityID, &r.Municipality, &r.OrganizationID, &r.Organization, &r.ProgramID, &r.Program,
				&r.Group, &r.Capacity, &r.SeatsTaken, &r.Enrolled); err != nil {
				return err
			}
			r.SetPercent()
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report fill: %w", err)
	}
	return out, nil
}
