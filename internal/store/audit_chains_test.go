package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// interleave writes rounds of entries of municipality 0, municipality 1
// and the region, in turn: with rounds 4, chain A holds 1, 4, 7, 10, chain
// B 2, 5, 8, 11 and the region's 3, 6, 9, 12.
func interleave(t testing.TB, db *store.DB, r *chainRegion, rounds int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < rounds; i++ {
		must(t, db.Audit(ctx, r.read(0)))
		must(t, db.Audit(ctx, r.read(1)))
		must(t, db.Audit(ctx, r.regional()))
	}
}

// TestAuditChainsInterleaved: entries of two municipalities and the
// region, written in turn, form three intact chains, each linked to its
// own previous entry.
func TestAuditChainsInterleaved(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newChainRegion(t, db, 2)
		interleave(t, db, r, 4)
		a, b := r.muns[0].ID, r.muns[1].ID
		prev := map[int64]string{}
		for _, e := range entries(t, db) {
			if e.PrevHash != prev[e.Chain] {
				t.Fatalf("entry %d of chain %d links to %q, want the chain's previous %q", e.ID, e.Chain, e.PrevHash, prev[e.Chain])
			}
			prev[e.Chain] = e.Hash
		}
		chk, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.ChainCheck{
			{Chain: store.RegionChain, Entries: 4, HeadID: 12},
			{Chain: a, Entries: 4, HeadID: 10},
			{Chain: b, Entries: 4, HeadID: 11},
		}
		if chk.Entries != 12 || chk.HeadID != 12 || chk.Broken != 0 || len(chk.Chains) != len(want) {
			t.Fatalf("check %+v", chk)
		}
		for i, w := range want {
			got := chk.Chains[i]
			got.HeadHash = ""
			if got != w {
				t.Fatalf("chain %d: %+v, want %+v", i, got, w)
			}
		}
		heads, err := db.AuditHeads(ctx)
		if err != nil || len(heads) != 3 || heads[1].Chain != a || heads[1].ID != 10 || heads[1].Hash != prev[a] {
			t.Fatalf("heads %+v %v", heads, err)
		}
	})
}

// TestAuditChainTamperNamesChain: altering, removing, moving or relinking
// an entry of one municipality's chain breaks that chain (and a chain it
// was moved into), not the others; cutting its newest entry leaves every
// chain whole but is named by a checkpoint taken before.
func TestAuditChainTamperNamesChain(t *testing.T) {
	t.Parallel()
	type broken struct {
		at      int64
		unkeyed bool
	}
	cases := []struct {
		name   string
		tamper func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64)
		want   func(a, b int64) map[int64]broken // chain: its first broken entry
		// What a checkpoint taken before says of chain B (the others
		// always agree): nil, checkpoint.ErrCut or ErrRewritten.
		mismatch error
	}{
		{"altered", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			rawExec(t, raw, "UPDATE audit_log SET details = 'исправлено' WHERE id = 5")
		}, func(a, b int64) map[int64]broken { return map[int64]broken{b: {at: 5}} }, nil},
		{"removed", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			rawExec(t, raw, "DELETE FROM audit_log WHERE id = 5")
		}, func(a, b int64) map[int64]broken { return map[int64]broken{b: {at: 8}} }, nil},
		{"moved to another chain", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			rawExec(t, raw, "UPDATE audit_log SET chain = "+strconv.FormatInt(a, 10)+" WHERE id = 5")
		}, func(a, b int64) map[int64]broken { return map[int64]broken{a: {at: 5}, b: {at: 8}} }, nil},
		{"relinked with plain SHA-256", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			relink(t, raw, b, 5, plainSHA)
		}, func(a, b int64) map[int64]broken { return map[int64]broken{b: {at: 5, unkeyed: true}} }, checkpoint.ErrRewritten},
		{"relinked with another key", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			relink(t, raw, b, 5, otherKey(t))
		}, func(a, b int64) map[int64]broken { return map[int64]broken{b: {at: 5}} }, checkpoint.ErrRewritten},
		// With the stolen key the chain holds; only a checkpoint tells.
		{"relinked with the installation's key", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			rawExec(t, raw, "UPDATE audit_log SET details = 'исправлено' WHERE id = 5")
			relink(t, raw, b, 5, storetest.Keys(t).ChainHash)
		}, func(a, b int64) map[int64]broken { return nil }, checkpoint.ErrRewritten},
		{"newest entry cut", func(t *testing.T, db *store.DB, raw *sql.DB, a, b int64) {
			rawExec(t, raw, "DELETE FROM audit_log WHERE id = 11")
		}, func(a, b int64) map[int64]broken { return nil }, checkpoint.ErrCut},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				r := newChainRegion(t, db, 2)
				interleave(t, db, r, 4)
				a, b := r.muns[0].ID, r.muns[1].ID
				keys := storetest.Keys(t)
				before := checkpoint.New(keys, headsOf(t, db), time.Now())
				raw := rawDB(t, db)
				liftGuards(t, db, raw)
				c.tamper(t, db, raw, a, b)

				chk, err := db.VerifyAudit(ctx)
				if err != nil {
					t.Fatal(err)
				}
				want := c.want(a, b)
				for _, got := range chk.Chains {
					w := want[got.Chain]
					if got.Broken != w.at || got.Unkeyed != w.unkeyed {
						t.Fatalf("chain %d: broken at %d (unkeyed %v), want %d (%v); all %+v", got.Chain, got.Broken, got.Unkeyed, w.at, w.unkeyed, chk.Chains)
					}
				}
				if len(chk.Chains) != 3 {
					t.Fatalf("chains %+v", chk.Chains)
				}

				err = before.Check(ctx, db.AuditLink)
				var m *checkpoint.Mismatch
				if (c.mismatch != nil) != errors.As(err, &m) || c.mismatch != nil && (m.Chain != b || !errors.Is(err, c.mismatch)) {
					t.Fatalf("checkpoint: %v, want %v of chain %d", err, c.mismatch, b)
				}
			})
		})
	}
}

// headsOf is what a checkpoint records of db.
func headsOf(t testing.TB, db *store.DB) []checkpoint.Head {
	t.Helper()
	hs, err := db.AuditHeads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []checkpoint.Head
	for _, h := range hs {
		out = append(out, checkpoint.Head{Chain: h.Chain, Seq: h.ID, Hash: h.Hash})
	}
	return out
}

func rawExec(t *testing.T, raw *sql.DB, q string) {
	t.Helper()
	if _, err := raw.ExecContext(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// liftGuards drops the journal's append-only guards, as an intruder with
// the database would.
func liftGuards(t *testing.T, db *store.DB, raw *sql.DB) {
	t.Helper()
	for _, q := range map[store.Engine][]string{
		store.SQLite:   {"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"},
		store.Postgres: {"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"},
	}[db.Engine()] {
		rawExec(t, raw, q)
	}
}

// relink recomputes chain's links from entry `from` on with forge, over
// the input the source code documents for a municipality's chain.
func relink(t *testing.T, raw *sql.DB, chain, from int64, forge forger) {
	t.Helper()
	ctx := context.Background()
	rows, err := raw.QueryContext(ctx, "SELECT id, at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, hash FROM audit_log WHERE chain = $1 ORDER BY id", chain)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id        int64
		prev, sum string
	}
	var fix []row
	prev := ""
	for rows.Next() {
		var id, actor, subject int64
		var at time.Time
		var role, action, kind, ip, details, hash string
		if err := rows.Scan(&id, &at, &role, &actor, &action, &kind, &subject, &ip, &details, &hash); err != nil {
			t.Fatal(err)
		}
		if id >= from {
			in := append([]byte("chain "+strconv.FormatInt(chain, 10)+"\x00"), linkInput(prev, at, role, actor, action, kind, subject, ip, details)...)
			hash = forge(in)
			fix = append(fix, row{id, prev, hash})
		}
		prev = hash
	}
	rows.Close()
	for _, r := range fix {
		if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3", r.prev, r.sum, r.id); err != nil {
			t.Fatal(err)
		}
	}
}
