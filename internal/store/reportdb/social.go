package reportdb

import (
	"context"
	"fmt"

	"navigator/internal/report"
	"navigator/internal/store"
)

// givenHours sums, per contract, the hours charged to social certificates
// by accepted reports of months of a year ("YYYY-%" as the argument).
const givenHours = `SELECT l.contract_id, CAST(SUM(l.amount) AS BIGINT) AS hours FROM ledger_entries l
	WHERE l.kind = 'charge' AND l.unit = 'hour' AND l.month LIKE ? GROUP BY l.contract_id`

// SocialOrder reads, for the year, each municipality's order per
// direction with what is held and what was given.
func (q *Queries) SocialOrder(ctx context.Context, f report.Filter, year int) ([]report.SocialOrderRow, error) {
	out := []report.SocialOrderRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		var w where
		w.add("o.year = ?", year)
		w.id("o.municipality_id", f.MunicipalityID)
		args := append([]any{fmt.Sprintf("%04d-%%", year)}, w.args...)
		rows, err := tx.Query(ctx, `SELECT o.municipality_id, m.name, o.direction, o.method, o.hours, o.children, o.hours_taken, o.children_taken,
				COALESCE((SELECT SUM(g.hours) FROM (`+givenHours+`) g JOIN contracts k ON k.id = g.contract_id
					JOIN certificates s ON s.id = k.certificate_id JOIN applications a ON a.id = k.application_id JOIN programs p ON p.id = a.program_id
					WHERE s.municipality_id = o.municipality_id AND p.direction = o.direction), 0)
			FROM social_orders o JOIN municipalities m ON m.id = o.municipality_id JOIN directions d ON d.code = o.direction
`+w.sql()+` ORDER BY m.name`+q.bytewise()+`, d.position`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.SocialOrderRow
			if err := rows.Scan(&r.MunicipalityID, &r.Municipality, &r.Direction, &r.Method, &r.Hours, &r.Children, &r.HoursContracted,
				&r.ChildrenContracted, &r.HoursGiven); err != nil {
				return err
			}
			r.SetExecution()
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report social order: %w", err)
	}
	return out, nil
}

// SocialExecutors reads, for the year, each executor's agreements by
// social certificate (contracts in hours of children whose certificates
// are of the municipality filtered), the hours they hold of the year's
// order and the hours given with their money equivalent.
func (q *Queries) SocialExecutors(ctx context.Context, f report.Filter, year int) ([]report.SocialExecutorRow, error) {
	out := []report.SocialExecutorRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		var w where
		w.add("k.unit = 'hour'")
		w.id("s.municipality_id", f.MunicipalityID)
		w.id("o.id", f.ProviderID)
		args := append([]any{year, fmt.Sprintf("%04d-%%", year)}, w.args...)
		rows, err := tx.Query(ctx, `SELECT o.id, o.name, om.name, count(DISTINCT k.id), count(DISTINCT a.child_id),
				COALESCE(SUM(h.hours), 0), COALESCE(SUM(g.hours), 0), COALESCE(SUM(g.hours * k.hour_cost / 100), 0)
			FROM contracts k JOIN certificates s ON s.id = k.certificate_id JOIN applications a ON a.id = k.application_id
			JOIN programs p ON p.id = a.program_id JOIN organizations o ON o.id = p.organization_id JOIN municipalities om ON om.id = o.municipality_id
			LEFT JOIN social_order_holds h ON h.application_id = a.id AND h.year = ?
			LEFT JOIN (`+givenHours+`) g ON g.contract_id = k.id`+w.sql()+`
			GROUP BY o.id, o.name, om.name ORDER BY o.name`+q.bytewise()+`, o.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.SocialExecutorRow
			if err := rows.Scan(&r.OrganizationID, &r.Name, &r.Municipality, &r.Agreements, &r.Children, &r.HoursContracted, &r.HoursGiven, &r.AmountGiven); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report social executors: %w", err)
	}
	return out, nil
}
