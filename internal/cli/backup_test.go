package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"navigator/internal/secret"
	"navigator/internal/store"
)

// TestBackupWhileWritingAndRestore copies the database while audit records
// are written, restores the copy as the README says (a plain file copy in
// place of navigator.db) and checks it: the schema is current, the audit
// chain is whole, and it holds every record written before the copy began.
func TestBackupWhileWritingAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := map[string]string{"NAVIGATOR_DB": "sqlite:" + filepath.Join(dir, "navigator.db")}
	if code, _, errs := run(t, ctx, env, "", "demo"); code != 0 {
		t.Fatal(errs)
	}
	db, err := store.Open(ctx, env["NAVIGATOR_DB"])
	if err != nil {
		t.Fatal(err)
	}
	master, err := secret.LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := secret.New(master)
	if err != nil {
		t.Fatal(err)
	}
	db.UseKeys(keys)
	before, _ := db.AuditCount(ctx)
	stop := make(chan struct{})
	var written atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 1, Action: "child.read", SubjectKind: "child", SubjectID: 1}); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 50 {
	}
	copyPath := filepath.Join(dir, "backup.db")
	code, out, errs := run(t, ctx, env, "", "backup", copyPath)
	close(stop)
	wg.Wait()
	db.Close()
	if code != 0 || !strings.Contains(out, "Копия базы записана") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	if code, _, _ := run(t, ctx, env, "", "backup", copyPath); code == 0 {
		t.Fatal("a backup over an existing file succeeded")
	}

	// Restore: the copy becomes navigator.db of a fresh data folder.
	restored := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(restored, 0o750)
	b, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(restored, "navigator.db"), b, 0o600)
	// The key, kept apart from the copies, comes back beside it.
	os.WriteFile(filepath.Join(restored, "secret.key"), []byte(master+"\n"), 0o600)
	renv := map[string]string{"NAVIGATOR_DB": "sqlite:" + filepath.Join(restored, "navigator.db")}
	if code, out, errs := run(t, ctx, renv, "", "migrate"); code != 0 || !strings.Contains(out, "Миграции применены: 0") {
		t.Fatalf("migrate the restored copy: %d %q %q", code, out, errs)
	}
	if code, out, errs := run(t, ctx, renv, "", "audit", "verify"); code != 0 {
		t.Fatalf("audit verify of the copy: %q %q", out, errs)
	}
	rdb, err := store.Open(ctx, renv["NAVIGATOR_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	n, _ := rdb.AuditCount(ctx)
	if n < before+50 || n > before+written.Load() {
		t.Fatalf("the copy holds %d audit records; before the copy there were at least %d, in all %d", n, before+50, before+written.Load())
	}
	if p, err := rdb.ListPrograms(ctx, navigatorFilter()); err != nil || p.Total < 500 {
		t.Fatalf("programs in the copy: %v %v", p, err)
	}
}
