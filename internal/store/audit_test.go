package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

func TestAuditIsAppendOnlyAndTamperEvident(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := 1; i <= 5; i++ {
			must(t, db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 7, Action: "child_read", SubjectKind: "child", SubjectID: int64(i), IP: "10.0.0.1"}))
		}
		if chk, err := db.VerifyAudit(ctx); err != nil || chk.Broken != 0 {
			t.Fatalf("fresh chain: %+v, %v", chk, err)
		}
		for _, q := range []string{"UPDATE audit_log SET actor_id = 8 WHERE id = 3", "DELETE FROM audit_log WHERE id = 3"} {
			if err := db.Update(ctx, func(tx *store.Tx) error { _, err := tx.Exec(ctx, q); return err }); err == nil {
				t.Errorf("%q succeeded: the log must be append-only", q)
			}
		}
		// Someone with direct access drops the guard and edits a row: the
		// chain shows where.
		raw := rawDB(t, db)
		drop := map[store.Engine][]string{
			store.SQLite:   {"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor_id = 8 WHERE id = 3"},
			store.Postgres: {"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change", "UPDATE audit_log SET actor_id = 8 WHERE id = 3"},
		}[db.Engine()]
		for _, q := range drop {
			if _, err := raw.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if chk, err := db.VerifyAudit(ctx); err != nil || chk.Broken != 3 {
			t.Fatalf("tampered chain: %+v, %v; want broken at 3", chk, err)
		}
	})
}

// rawDB opens a second plain connection to the same database, as an
// intruder with file or server access would.
func rawDB(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	var raw *sql.DB
	var err error
	switch db.Engine() {
	case store.SQLite:
		raw, err = sql.Open("sqlite", "file:"+db.Path())
	case store.Postgres:
		raw, err = sql.Open("pgx", db.URL())
	default:
		err = fmt.Errorf("engine %s", db.Engine())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}
