package pgcluster_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"navigator/internal/pgcluster"
)

// TestStandbyFollowsAndTakesOver runs the harness end to end: a primary,
// a standby from pg_basebackup -R that sees the primary's writes, the
// primary killed, the standby promoted and taking writes.
func TestStandbyFollowsAndTakesOver(t *testing.T) {
	bin := pgcluster.Require(t)
	ctx := context.Background()
	p, err := pgcluster.InitPrimary(ctx, pgcluster.Options{Bin: bin})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Remove() })
	s, err := p.Standby(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Remove() })
	if err := p.WaitStreaming(ctx, "s1", false); err != nil {
		t.Fatal(err)
	}
	if err := p.Exec(ctx, "postgres", "CREATE TABLE t (v int)", "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if n := waitCount(t, s, 1); n != 1 {
		t.Fatalf("standby sees %d rows, want 1", n)
	}
	if err := s.Exec(ctx, "postgres", "INSERT INTO t VALUES (2)"); err == nil {
		t.Fatal("a standby took a write")
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := s.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Exec(ctx, "postgres", "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatalf("promoted standby refuses a write: %v", err)
	}
	if n := waitCount(t, s, 2); n != 2 {
		t.Fatalf("promoted standby has %d rows, want 2", n)
	}
}

func waitCount(t *testing.T, s *pgcluster.Server, want int) int {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := pgx.Connect(ctx, s.URL("postgres"))
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = c.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n)
		c.Close(ctx)
		if (err == nil && n == want) || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}
