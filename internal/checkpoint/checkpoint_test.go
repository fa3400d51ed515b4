package checkpoint_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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
	one := func(k *secret.Keys, seq int64, hash string, at time.Time) checkpoint.Checkpoint {
		return checkpoint.New(k, []checkpoint.Head{{Chain: 2, Seq: seq, Hash: hash}}, at)
	}
	// What the binary before chains wrote: one entry, version 1.
	v1 := func(k *secret.Keys, seq int64, hash string, at time.Time) checkpoint.Checkpoint {
		c := checkpoint.Checkpoint{Seq: seq, Hash: hash, At: at}
		c.Sig = k.SignCheckpoint([]byte("navigator audit checkpoint v1\n" + strconv.FormatInt(seq, 10) + "\n" + hash + "\n" + at.Format(time.RFC3339)))
		return c
	}
	var logged bytes.Buffer
	keeper := checkpoint.NewKeeper(filepath.Join(t.TempDir(), "kept"), k,
		func(context.Context) ([]checkpoint.Head, error) {
			return []checkpoint.Head{{Chain: 0, Seq: 4, Hash: "k1:four"}, {Chain: 3, Seq: 9, Hash: "k1:nine"}}, nil
		}, slog.New(slog.NewJSONHandler(&logged, nil)))
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
		{name: "newest wins", lines: []checkpoint.Checkpoint{one(k, 5, "k1:five", at), one(k, 7, "k1:seven", at.Add(time.Minute))}, seq: 7},
		{name: "forged newer line", lines: []checkpoint.Checkpoint{one(k, 5, "k1:five", at), one(other, 8, "k1:eight", at)}, seq: 5, forged: []int{2}},
		{name: "edited seq", lines: []checkpoint.Checkpoint{func() checkpoint.Checkpoint { c := one(k, 5, "k1:five", at); c.Heads[0].Seq = 4; return c }()}, forged: []int{1}, nothing: true},
		{name: "edited chain", lines: []checkpoint.Checkpoint{func() checkpoint.Checkpoint { c := one(k, 5, "k1:five", at); c.Heads[0].Chain = 1; return c }()}, forged: []int{1}, nothing: true},
		{name: "chain dropped", lines: []checkpoint.Checkpoint{func() checkpoint.Checkpoint {
			c := checkpoint.New(k, []checkpoint.Head{{Chain: 0, Seq: 4, Hash: "k1:four"}, {Chain: 2, Seq: 5, Hash: "k1:five"}}, at)
			c.Heads = c.Heads[1:]
			return c
		}()}, forged: []int{1}, nothing: true},
		{name: "version 1 read as before", lines: []checkpoint.Checkpoint{v1(k, 6, "k1:six", at)}, seq: 6},
		{name: "version 1 turned 2", lines: []checkpoint.Checkpoint{func() checkpoint.Checkpoint { c := v1(k, 6, "k1:six", at); c.V = 2; return c }()}, forged: []int{1}, nothing: true},
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
			if c.nothing != (got == nil) || got != nil && got.Newest() != c.seq {
				t.Fatalf("latest %+v, want seq %d", got, c.seq)
			}
		})
	}
}

// TestCheck: a checkpoint names every chain that was cut or rewritten,
// whatever the other chains hold; a version 1 checkpoint is the region's
// chain.
func TestCheck(t *testing.T) {
	k := keys(t, "the installation key for checkpoint tests 0123")
	at := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	two := checkpoint.New(k, []checkpoint.Head{{Chain: 0, Seq: 3, Hash: "k1:three"}, {Chain: 5, Seq: 4, Hash: "k1:four"}}, at)
	old := checkpoint.Checkpoint{Seq: 3, Hash: "k1:three", At: at}
	type key struct{ chain, seq int64 }
	intact := map[key]string{{0, 1}: "k1:one", {0, 3}: "k1:three", {5, 2}: "k1:two", {5, 4}: "k1:four"}
	cases := []struct {
		name   string
		cp     checkpoint.Checkpoint
		change func(map[key]string)
		want   map[int64]error // chain: the mismatch named
	}{
		{"intact", two, func(map[key]string) {}, nil},
		{"one chain cut", two, func(j map[key]string) { delete(j, key{5, 4}) }, map[int64]error{5: checkpoint.ErrCut}},
		{"entry moved to another chain", two, func(j map[key]string) { delete(j, key{5, 4}); j[key{0, 4}] = "k1:four" }, map[int64]error{5: checkpoint.ErrCut}},
		{"one chain rewritten", two, func(j map[key]string) { j[key{0, 3}] = "k1:other" }, map[int64]error{0: checkpoint.ErrRewritten}},
		{"both", two, func(j map[key]string) { j[key{0, 3}] = "k1:other"; delete(j, key{5, 4}) },
			map[int64]error{0: checkpoint.ErrRewritten, 5: checkpoint.ErrCut}},
		{"version 1 intact", old, func(map[key]string) {}, nil},
		{"version 1 cut", old, func(j map[key]string) { delete(j, key{0, 3}) }, map[int64]error{0: checkpoint.ErrCut}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			journal := map[key]string{}
			for k, v := range intact {
				journal[k] = v
			}
			c.change(journal)
			link := func(_ context.Context, chain, seq int64) (string, bool, error) {
				h, ok := journal[key{chain, seq}]
				return h, ok, nil
			}
			err := c.cp.Check(context.Background(), link)
			got := map[int64]error{}
			for _, e := range unjoin(err) {
				var m *checkpoint.Mismatch
				if !errors.As(e, &m) {
					t.Fatalf("not a mismatch: %v", e)
				}
				got[m.Chain] = m.Err
			}
			if len(got) != len(c.want) {
				t.Fatalf("mismatches %v, want %v", got, c.want)
			}
			for chain, want := range c.want {
				if !errors.Is(got[chain], want) {
					t.Fatalf("chain %d: %v, want %v (all: %v)", chain, got[chain], want, err)
				}
			}
		})
	}
}

// unjoin splits an errors.Join.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
