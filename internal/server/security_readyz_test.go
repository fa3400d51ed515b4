package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// failWrites makes every write of the readiness probe fail as a full disk
// does, by a trigger on its table; the returned func removes it.
func failWrites(t *testing.T, db *store.DB) func() {
	t.Helper()
	ctx := context.Background()
	install := []string{
		`CREATE TRIGGER liveness_full BEFORE UPDATE ON liveness BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
	}
	remove := []string{`DROP TRIGGER liveness_full`}
	if db.Engine() == store.Postgres {
		install = []string{
			`CREATE FUNCTION liveness_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$`,
			`CREATE TRIGGER liveness_full BEFORE INSERT OR UPDATE ON liveness FOR EACH ROW EXECUTE FUNCTION liveness_full()`,
		}
		remove = []string{`DROP TRIGGER liveness_full ON liveness`, `DROP FUNCTION liveness_full()`}
	}
	exec := func(stmts []string) {
		if err := db.Update(ctx, func(tx *store.Tx) error {
			for _, q := range stmts {
				if _, err := tx.Exec(ctx, q); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	exec(install)
	return func() { exec(remove) }
}

// TestReadyzNeedsAWrite: /readyz answers 503 while the database reads but
// takes no writes (a full disk), and 200 again once writes commit.
func TestReadyzNeedsAWrite(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			if resp, body := e.do(t, "GET", "/readyz", ""); resp.StatusCode != 200 {
				t.Fatalf("readyz of a healthy database: %d %s", resp.StatusCode, body)
			}
			restore := failWrites(t, e.db)
			// The probe writes at most once a second: ask until it has.
			resp, body := e.do(t, "GET", "/readyz", "")
			for deadline := time.Now().Add(5 * time.Second); resp.StatusCode != 503 && time.Now().Before(deadline); resp, body = e.do(t, "GET", "/readyz", "") {
				time.Sleep(50 * time.Millisecond)
			}
			if resp.StatusCode != 503 || !strings.Contains(body, "не принимает записи") {
				t.Fatalf("readyz while writes fail: %d %s", resp.StatusCode, body)
			}
			// Reads still work: the probe, not a ping, found it.
			if resp, _ := e.do(t, "GET", "/healthz", ""); resp.StatusCode != 200 {
				t.Fatalf("healthz: %d", resp.StatusCode)
			}
			restore()
			time.Sleep(1100 * time.Millisecond)
			if resp, body := e.do(t, "GET", "/readyz", ""); resp.StatusCode != 200 {
				t.Fatalf("readyz after writes recover: %d %s", resp.StatusCode, body)
			}
		})
	}
}
