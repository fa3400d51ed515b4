package store

import (
	"context"
	"fmt"
	"strings"

	"navigator"
)

// CatalogPlans explains the two reads of a catalog page for the filter,
// one plan line per row. On PostgreSQL the planner is told to shun
// sequential scans, bitmaps and sorts, as it does on its own once a
// region's catalog outgrows a test's: the plans then show what the
// indexes can serve, not what a small table makes cheapest.
func (db *DB) CatalogPlans(ctx context.Context, f navigator.ProgramFilter) (page, count string, err error) {
	f.Normalize()
	q, ok := db.catalogQuery(f)
	if !ok {
		return "", "", fmt.Errorf("catalog plans: the filter matches nothing")
	}
	err = db.View(ctx, func(tx *Tx) error {
		explain := "EXPLAIN QUERY PLAN "
		if db.engine == Postgres {
			explain = "EXPLAIN "
			for _, set := range []string{"enable_seqscan", "enable_bitmapscan", "enable_sort"} {
				if _, err := tx.Exec(ctx, "SET LOCAL "+set+" = off"); err != nil {
					return err
				}
			}
		}
		if page, err = planOf(ctx, tx, explain+q.page, q.pageArgs); err != nil {
			return err
		}
		count, err = planOf(ctx, tx, explain+q.count, q.countArgs)
		return err
	})
	if err != nil {
		return "", "", fmt.Errorf("catalog plans: %w", err)
	}
	return page, count, nil
}

// planOf reads an EXPLAIN: on PostgreSQL one column, on SQLite the
// detail of each row (id, parent, notused, detail).
func planOf(ctx context.Context, tx *Tx, query string, args []any) (string, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var plan strings.Builder
	for rows.Next() {
		dest := make([]any, len(cols))
		var line string
		for i := range dest {
			dest[i] = new(any)
		}
		dest[len(cols)-1] = &line
		if err := rows.Scan(dest...); err != nil {
			return "", err
		}
		plan.WriteString(line + "\n")
	}
	return plan.String(), rows.Err()
}
