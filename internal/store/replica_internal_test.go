package store

import (
	"context"
	"testing"
	"time"
)

func TestParseLSN(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint64
		bad  bool
	}{
		{"0/0", 0, false},
		{"16/B374D848", 0x16<<32 | 0xB374D848, false},
		{"FFFFFFFF/FFFFFFFF", ^uint64(0), false},
		{"16B374D848", 0, true},
		{"x/1", 0, true},
	} {
		got, err := parseLSN(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("parseLSN(%q) = %x, %v", c.in, got, err)
		}
	}
}

// TestLagOf checks the measure against the primary's marks: a replica
// that has replayed everything is 0 behind however quiet the primary
// was; one short of a mark is as far behind as that mark is old.
func TestLagOf(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	w := &lagWatcher{every: 250 * time.Millisecond, marks: []walMark{
		{at: now.Add(-3 * time.Second), lsn: 100},
		{at: now.Add(-2 * time.Second), lsn: 200},
		{at: now.Add(-1 * time.Second), lsn: 300},
	}}
	for _, c := range []struct {
		replay uint64
		want   time.Duration
	}{
		{300, 0},
		{400, 0},
		{250, time.Second},
		{200, time.Second},
		{199, 2 * time.Second},
		{0, 3 * time.Second},
	} {
		if got := w.lagOf(c.replay, now); got != c.want {
			t.Errorf("replay %d: lag %s, want %s", c.replay, got, c.want)
		}
	}
	w.forget(250)
	if len(w.marks) != 1 || w.marks[0].lsn != 300 {
		t.Fatalf("after forgetting up to 250: %+v", w.marks)
	}
	w.forget(1000)
	if len(w.marks) != 1 {
		t.Fatalf("the newest mark must stay: %+v", w.marks)
	}
}

func TestReplicasNeedPostgres(t *testing.T) {
	db := &DB{engine: SQLite}
	err := db.UseReplicas(context.Background(), []string{"postgres://x@127.0.0.1:1/x"}, ReplicaOptions{})
	if err == nil {
		t.Fatal("SQLite took a replica")
	}
}

func TestReplicaNameHasNoPassword(t *testing.T) {
	if got := replicaName("postgres://navigator:secret@10.0.0.2:5432/navigator"); got != "10.0.0.2:5432" {
		t.Fatalf("replicaName = %q", got)
	}
}
