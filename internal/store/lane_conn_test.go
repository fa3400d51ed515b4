package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestLaneConnUsesIndexesOnEmptyTables: on the morning a new region opens
// enrolment the applications and idempotency keys are empty, and a plan
// made then would read them whole for the rest of the connection's life.
// A lane's connection looks them up by their indexes all the same.
func TestLaneConnUsesIndexesOnEmptyTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t, store.Postgres)
	// A new region's database: nothing applied yet, and analyzed so.
	must(t, db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "ANALYZE applications, idempotency_keys")
		return err
	}))
	lane, pool, err := db.LanePlans(ctx, store.NewApplication{SiteUserID: 1, ChildID: 1, GroupID: 1, IdempotencyKey: "k"})
	must(t, err)
	for _, table := range []string{"applications", "idempotency_keys"} {
		scan := "Seq Scan on " + table
		// The condition the lane is made for: an ordinary connection
		// plans a sequential scan of the empty table.
		if !strings.Contains(pool, scan) {
			t.Fatalf("the pool's plan does not read %s whole, so this test shows nothing:\n%s", table, pool)
		}
		if strings.Contains(lane, scan) {
			t.Errorf("the lane's plan reads %s whole:\n%s", table, lane)
		}
	}
}

// TestLaneConnSurvivesItsServerProcess: when PostgreSQL ends the lane's
// connection (a restart, an administrator), the next application is
// still answered, and the lane takes a new connection for its
// pipelines.
func TestLaneConnSurvivesItsServerProcess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t, store.Postgres)
	operator, office, municipality := demoOperator(t, db)
	birth := navigator.NewDate(db.Now().Year()-10, 1, 1)
	fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, birth, []string{"kill-a", "kill-b", "kill-c"})
	must(t, err)
	group := budgetGroups(t, db, 1)[0]
	apply := func(i int) {
		t.Helper()
		f := fams[i]
		before := db.LaneStats().Piped
		_, status, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: f.SiteUserID, ChildID: f.ChildID, GroupID: group,
			IdempotencyKey: fmt.Sprintf("kill-%d", i), RequestHash: fmt.Sprint(f.ChildID)})
		if err != nil || status != navigator.AppPending {
			t.Fatalf("application %d: %q, %v", i, status, err)
		}
		if i != 1 && db.LaneStats().Piped != before+1 {
			t.Fatalf("application %d did not go through the pipeline", i)
		}
	}
	apply(0)
	// End every other server process of this database: the lane's
	// connection among them.
	must(t, db.View(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		return err
	}))
	apply(1) // meets the dead connection and is answered on the other path
	apply(2) // piped again, on a new connection
}
