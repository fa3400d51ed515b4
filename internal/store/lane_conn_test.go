package store_test

import (
	"context"
	"strings"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestLaneConnUsesIndexesOnEmptyTables: on the morning a new region opens
// enrolment the applications and idempotency keys are empty, and a plan
// made then would read them whole for the rest of the connection's life.
// A lane's connection looks them up by their indexes all the same.
func TestLaneConnUsesIndexesOnEmptyTables(t *testing.T) {
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
