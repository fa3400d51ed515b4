package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckpointerCopiesTheLog: the writer leaves checkpoints to the
// checkpointer but for the backstop, keeps its larger page cache, and
// the checkpointer's PASSIVE checkpoint copies the whole log while
// nobody reads.
func TestCheckpointerCopiesTheLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "ckpt.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for pragma, want := range map[string]int{"wal_autocheckpoint": walBackstopPages, "cache_size": -writerCacheKiB} {
		var got int
		if err := db.write.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("the writer's %s is %d, want %d", pragma, got, want)
		}
	}
	if _, err := db.write.ExecContext(ctx, "CREATE TABLE t (v TEXT)"); err != nil {
		t.Fatal(err)
	}
	for range 50 {
		if _, err := db.write.ExecContext(ctx, "INSERT INTO t VALUES (?)", strings.Repeat("x", 2000)); err != nil {
			t.Fatal(err)
		}
	}
	logPages, copied, err := db.checkpoints.checkpoint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if logPages == 0 || copied != logPages {
		t.Fatalf("the checkpoint copied %d of %d pages of log", copied, logPages)
	}
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 50 {
		t.Fatalf("after the checkpoint a reader sees %d rows (%v), want 50", n, err)
	}
}
