package store_test

import (
	"context"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestCatalogFilterPlans: the catalog filtered by municipality and
// direction, with or without an age, newest first, reads its page in an
// index's order with every filter in the index's condition, and counts
// its matches from an index alone. Before, the page walked the newest
// programs of the whole region dropping the others' rows (SQLite), or
// fetched every match and sorted it (PostgreSQL), and the count with an
// age read every matching row: that was most of the server's work on an
// opening morning's filtered catalog.
func TestCatalogFilterPlans(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    navigator.ProgramFilter
	}{
		{"municipality_direction", navigator.ProgramFilter{MunicipalityID: 1, Direction: "art"}},
		{"with_age", navigator.ProgramFilter{MunicipalityID: 2, Direction: "sport", Age: 10}},
		{"age_page_2", navigator.ProgramFilter{MunicipalityID: 1, Direction: "technical", Age: 12, Page: 2}},
		{"newest", navigator.ProgramFilter{MunicipalityID: 3, Direction: "art", Age: 7, Sort: navigator.SortNewest}},
	}
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			db := seeded(t, engine)
			ctx := context.Background()
			must(t, db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "ANALYZE programs")
				return err
			}))
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					page, count, err := db.CatalogPlans(ctx, c.f)
					must(t, err)
					if engine == store.SQLite {
						checkSQLitePlans(t, page, count)
					} else {
						checkPostgresPlans(t, page, count)
					}
				})
			}
		})
	}
}

func checkSQLitePlans(t *testing.T, page, count string) {
	t.Helper()
	const search = "municipality_id=? AND direction=?"
	if !strings.Contains(page, "SEARCH p USING INDEX") || !strings.Contains(page, search) || strings.Contains(page, "TEMP B-TREE") {
		t.Errorf("the page is not read in an index's order by municipality and direction:\n%s", page)
	}
	if !strings.Contains(count, "SEARCH p USING COVERING INDEX") || !strings.Contains(count, search) {
		t.Errorf("the count is not read from an index alone:\n%s", count)
	}
}

func checkPostgresPlans(t *testing.T, page, count string) {
	t.Helper()
	node := programsNode(page)
	if strings.Contains(page, "Sort") || !strings.Contains(node, "Index Cond") || strings.Contains(node, "Filter") ||
		!strings.Contains(node, "municipality_id") || !strings.Contains(node, "direction") {
		t.Errorf("the page is not read in an index's order with every filter in its condition:\n%s", page)
	}
	if node := programsNode(count); !strings.Contains(node, "Index Only Scan") || strings.Contains(node, "Filter") {
		t.Errorf("the count is not read from an index alone:\n%s", count)
	}
}

// programsNode is the node of a PostgreSQL plan that reads the programs
// table, with its conditions: up to the next node or subplan.
func programsNode(plan string) string {
	lines := strings.Split(plan, "\n")
	for i, l := range lines {
		if !strings.Contains(l, " on programs p") {
			continue
		}
		end := i + 1
		for end < len(lines) && !strings.Contains(lines[end], "->") && !strings.Contains(lines[end], "Plan") {
			end++
		}
		return strings.Join(lines[i:end], "\n")
	}
	return ""
}
