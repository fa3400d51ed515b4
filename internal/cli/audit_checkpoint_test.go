package cli

import (
	"context"
	"database/sql"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestAuditCheckpoints: serve anchors the audit journal in a signed
// checkpoints file (0600) and the log, at start and at shutdown; audit
// verify checks the chain against the latest checkpoint and names a cut of
// the newest entries, a rewrite recomputed even with the stolen key (found
// through a copy shipped off the machine), and a forged checkpoint; a key
// rotation rekeys the chain and starts the checkpoints anew.
func TestAuditCheckpoints(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			inst := newDemoInstallation(t, ctx, engine)
			dir, url, env, keys, db, master := inst.dir, inst.url, inst.env, inst.keys, inst.db, inst.master
			cpPath := filepath.Join(dir, checkpoint.FileName)
			for i := 0; i < 4; i++ { // a staff member's reads before the server is stopped
				if err := db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 3, Action: "child.read", SubjectKind: "child", SubjectID: int64(i + 1)}); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			// serve marks at start and at shutdown.
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := ln.Addr().String()
			ln.Close()
			runCtx, cancel := context.WithCancel(ctx)
			var out, errb syncBuffer
			done := make(chan int, 1)
			go func() {
				done <- Run(runCtx, []string{"serve", "--addr", addr}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
			}()
			waitFor(t, "http://"+addr+"/healthz", done, &errb)
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("serve: %d %s", code, errb.String())
			}
			if !strings.Contains(errb.String(), "audit checkpoint") || !strings.Contains(errb.String(), "sig=") {
				t.Fatalf("no checkpoint in the log: %s", errb.String())
			}
			info, err := os.Stat(cpPath)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("checkpoints file: %v %v", info, err)
			}

			// (d) Intact.
			if code, out, errs := run(t, ctx, env, "", "audit", "verify"); code != 0 || !strings.Contains(out, "Сверено с контрольной точкой") {
				t.Fatalf("intact journal: %d %q %q", code, out, errs)
			}

			// What the operator ships off the machine (README): the
			// checkpoints so far.
			shipped := filepath.Join(t.TempDir(), "shipped.checkpoints")
			b, _ := os.ReadFile(cpPath)
			os.WriteFile(shipped, b, 0o600)

			db, err = store.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			db.UseKeys(keys)
			for i := 0; i < 3; i++ {
				if err := db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 3, Action: "child.read", SubjectKind: "child", SubjectID: int64(i + 1)}); err != nil {
					t.Fatal(err)
				}
			}
			heads, _ := chainHeads(db)(ctx)
			seq := checkpoint.New(keys, heads, time.Now()).Newest()
			if err := checkpoint.Append(cpPath, checkpoint.New(keys, heads, time.Now())); err != nil {
				t.Fatal(err)
			}
			db.Close()

			raw := openRaw(t, engine, url)
			lift := map[store.Engine][]string{
				store.SQLite:   {"DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_no_update"},
				store.Postgres: {"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"},
			}[engine]
			for _, q := range lift {
				if _, err := raw.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}

			// (b) The newest entries cut: the chain itself still holds.
			if _, err := raw.ExecContext(ctx, "DELETE FROM audit_log WHERE id > $1", seq-2); err != nil {
				t.Fatal(err)
			}
			code, _, errs := run(t, ctx, env, "", "audit", "verify")
			if code == 0 || !strings.Contains(errs, "newest entries of the audit journal were removed") {
				t.Fatalf("cut journal: %d %q", code, errs)
			}

			// (c) A forged checkpoint of the cut head, without the key.
			db, _ = store.Open(ctx, url)
			cutHeads, _ := chainHeads(db)(ctx)
			db.Close()
			intruder, _ := secret.New("an intruder key that is not the installation one")
			if err := checkpoint.Append(cpPath, checkpoint.New(intruder, cutHeads, time.Now().Add(time.Minute))); err != nil {
				t.Fatal(err)
			}
			code, _, errs = run(t, ctx, env, "", "audit", "verify")
			if code == 0 || !strings.Contains(errs, "not signed by this installation") {
				t.Fatalf("forged checkpoint: %d %q", code, errs)
			}

			// (a) A rewrite recomputed with the stolen key, checkpoints
			// re-signed on the machine: the copy shipped off it tells.
			fresh := t.TempDir()
			freshEnv := map[string]string{"NAVIGATOR_DB": url, "NAVIGATOR_DATA_DIR": fresh, "NAVIGATOR_SECRET": master}
			if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET actor_id = 99 WHERE id = 2"); err != nil {
				t.Fatal(err)
			}
			db, _ = store.Open(ctx, url)
			db.UseKeys(keys)
			if _, err := db.RotateSecrets(ctx, keys); err != nil { // rechains with the same key: a perfect forgery
				t.Fatal(err)
			}
			heads2, _ := chainHeads(db)(ctx)
			db.Close()
			checkpoint.Append(filepath.Join(fresh, checkpoint.FileName), checkpoint.New(keys, heads2, time.Now()))
			if code, _, errs := run(t, ctx, freshEnv, "", "audit", "verify"); code != 0 {
				t.Fatalf("the forger's own checkpoints agree with the forgery: %d %q", code, errs)
			}
			code, _, errs = run(t, ctx, freshEnv, "", "audit", "verify", "--checkpoints", shipped)
			if code == 0 || !strings.Contains(errs, "the audit journal was rewritten") {
				t.Fatalf("rewrite against the shipped checkpoints: %d %q", code, errs)
			}

			// (e) Rotation: the chain is rekeyed, the checkpoints start anew.
			os.Remove(cpPath)
			if code, out, errs := run(t, ctx, env, "", "secret", "rotate"); code != 0 || !strings.Contains(out, "звеньев журнала аудита") {
				t.Fatalf("rotate: %d %q %q", code, out, errs)
			}
			if code, out, errs := run(t, ctx, env, "", "audit", "verify"); code != 0 || !strings.Contains(out, "Сверено с контрольной точкой") {
				t.Fatalf("after rotation: %d %q %q", code, out, errs)
			}
			if code, _, errs := run(t, ctx, env, "", "audit", "verify", "--checkpoints", shipped); code == 0 || !strings.Contains(errs, "not signed") {
				t.Fatalf("checkpoints of the old key after rotation: %d %q", code, errs)
			}
		})
	}
}

// openRaw opens a plain connection, as an intruder with the file or the
// database server would.
func openRaw(t *testing.T, engine store.Engine, url string) *sql.DB {
	t.Helper()
	driver, dsn := "pgx", url
	if engine == store.SQLite {
		driver, dsn = "sqlite", "file:"+strings.TrimPrefix(url, "sqlite:")+"?_pragma=busy_timeout(5000)"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	return raw
}
