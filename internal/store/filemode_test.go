//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"navigator/internal/store"
)

// TestDatabaseFilesPrivate: the database, its WAL and shared-memory files
// and a backup are readable by their owner only, even under a umask that
// lets everyone read; and a file left readable by an older version is
// tightened when the database is opened.
func TestDatabaseFilesPrivate(t *testing.T) {
	t.Parallel()
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "navigator.db")
	db, err := store.Open(ctx, "sqlite:"+path)
	must(t, err)
	_, err = db.Migrate(ctx)
	must(t, err)
	backup := filepath.Join(dir, "backup.db")
	must(t, db.Backup(ctx, backup))
	for _, p := range []string{path, path + "-wal", path + "-shm", backup} {
		st, err := os.Stat(p)
		must(t, err)
		if mode := st.Mode().Perm(); mode&0o077 != 0 {
			t.Errorf("%s has mode %o: others can read it", filepath.Base(p), mode)
		}
	}
	db.Close()

	must(t, os.Chmod(path, 0o644))
	db, err = store.Open(ctx, "sqlite:"+path)
	must(t, err)
	defer db.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("an existing file of mode 644 is left %o", st.Mode().Perm())
	}
}
