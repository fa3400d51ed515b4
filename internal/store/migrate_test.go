package store_test

import (
	"context"
	"errors"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

func TestMigrateIsIdempotentAndRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, storetest.URL(t, e))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			n, err := db.Migrate(ctx)
			if err != nil || n == 0 {
				t.Fatalf("first migrate: applied %d, %v", n, err)
			}
			if n, err := db.Migrate(ctx); err != nil || n != 0 {
				t.Fatalf("second migrate: applied %d, %v; want 0, nil", n, err)
			}
			cur, target, err := db.SchemaStatus(ctx)
			if err != nil || cur != target {
				t.Fatalf("status %d/%d, %v", cur, target, err)
			}
			// A newer binary recorded a migration this one does not know.
			if err := db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version_id, is_applied) VALUES (?, ?)", target+1, true)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); !errors.Is(err, store.ErrTooNew) {
				t.Fatalf("migrate on newer schema: %v, want ErrTooNew", err)
			}
		})
	}
}
