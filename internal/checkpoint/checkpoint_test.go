package checkpoint_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/secret"
)

func keys(t *testing.T, master string) *secret.Keys {
	t.Helper()
	k, err := secret.New(master)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestLatest: the newest signed checkpoint wins; lines not signed by the
// installation are named; a JSON log line of the keeper reads as a
// checkpoint.
func TestLatest(t *testing.T) {
	k := keys(t, "the installation key for checkpoint tests 0123")
	other := keys(t, "somebody else key for checkpoint tests 456789")
	at := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	var logged bytes.Buffer
	keeper := checkpoint.NewKeeper(filepath.Join(t.TempDir(), "kept"), k,
		func(context.Context) (int64, string, error) { return 9, "k1:nine", nil }, slog.New(slog.NewJSONHandler(&logged, nil)))
	if err := keeper.Mark(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		lines   []checkpoint.Checkpoint
		raw     string
		seq     int64
		forged  []int
		nothing bool
	}{
		{name: "newest wins", lines: []checkpoint.Checkpoint{checkpoint.New(k, 5, "k1:five", at), checkpoint.New(k, 7, "k1:seven", at.Add(time.Minute))}, seq: 7},
		{name: "forged newer line", lines: []checkpoint.Checkpoint{checkpoint.New(k, 5, "k1:five", at), checkpoint.New(other, 8, "k1:eight", at)}, seq: 5, forged: []int{2}},
		{name: "edited seq", lines: []checkpoint.Checkpoint{func() checkpoint.Checkpoint { c := checkpoint.New(k, 5, "k1:five", at); c.Seq = 4; return c }()}, forged: []int{1}, nothing: true},
		{name: "garbage", raw: "not json\n", forged: []int{1}, nothing: true},
		{name: "log line", raw: logged.String(), seq: 9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), checkpoint.FileName)
			for _, l := range c.lines {
				if err := checkpoint.Append(path, l); err != nil {
					t.Fatal(err)
				}
			}
			if c.raw != "" {
				os.WriteFile(path, []byte(c.raw), 0o600)
			}
			got, err := checkpoint.Latest(path, k)
			var forged *checkpoint.Forged
			if errors.As(err, &forged) != (c.forged != nil) || forged != nil && !reflect.DeepEqual(forged.Lines, c.forged) {
				t.Fatalf("error %v, want forged lines %v", err, c.forged)
			}
			if c.nothing != (got == nil) || got != nil && got.Seq != c.seq {
				t.Fatalf("latest %+v, want seq %d", got, c.seq)
			}
		})
	}
}

// TestCheck: a checkpoint names a cut and a rewrite.
func TestCheck(t *testing.T) {
	k := keys(t, "the installation key for checkpoint tests 0123")
	c := checkpoint.New(k, 3, "k1:three", time.Now())
	journal := map[int64]string{1: "k1:one", 2: "k1:two", 3: "k1:three"}
	link := func(_ context.Context, id int64) (string, bool, error) { h, ok := journal[id]; return h, ok, nil }
	if err := c.Check(context.Background(), link); err != nil {
		t.Fatalf("intact: %v", err)
	}
	journal[3] = "k1:other"
	if err := c.Check(context.Background(), link); !errors.Is(err, checkpoint.ErrRewritten) {
		t.Fatalf("rewritten: %v", err)
	}
	delete(journal, 3)
	if err := c.Check(context.Background(), link); !errors.Is(err, checkpoint.ErrCut) {
		t.Fatalf("cut: %v", err)
	}
}
