package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestAuditChainsUpgrade: a journal written before there were chains (the
// schema before migration 00022, links over the input without a chain
// key) verifies after the migration as the region's chain; entries of
// municipalities written afterwards start chains of their own; a
// checkpoint of the old binary (version 1) is still checked, as the head
// of the region's chain, and a cut of that chain's tail is named.
func TestAuditChainsUpgrade(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := newChainRegion(t, db, 2)
		if err := db.MigrateDownTo(ctx, 21); err != nil {
			t.Fatal(err)
		}
		// The old binary's journal: one chain, keyed, no chain column.
		keys := storetest.Keys(t)
		raw := rawDB(t, db)
		prev := ""
		at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		var last string
		for i := int64(1); i <= 4; i++ {
			actor := r.ops[i%2].ID // staff of both municipalities, in one chain then
			link := keys.ChainHash(linkInput(prev, at, "operator", actor, "child.read", "child", i, "10.0.0.1", ""))
			if _, err := raw.ExecContext(ctx, `INSERT INTO audit_log (at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, prev_hash, hash)
				VALUES ($1, 'operator', $2, 'child.read', 'child', $3, '10.0.0.1', '', $4, $5)`, at, actor, i, prev, link); err != nil {
				t.Fatal(err)
			}
			prev, last = link, link
			at = at.Add(time.Second)
		}
		old := checkpoint.Checkpoint{Seq: 4, Hash: last, At: at}
		old.Sig = keys.SignCheckpoint([]byte("navigator audit checkpoint v1\n4\n" + last + "\n" + at.Format(time.RFC3339)))
		if !old.Valid(keys) {
			t.Fatal("the old checkpoint does not read as signed")
		}

		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		interleave(t, db, r, 2)
		chk, err := db.VerifyAudit(ctx)
		if err != nil || chk.Broken != 0 || chk.Entries != 10 || len(chk.Chains) != 3 {
			t.Fatalf("after the upgrade: %+v %v", chk, err)
		}
		if region := chk.Chains[0]; region.Chain != store.RegionChain || region.Entries != 6 {
			t.Fatalf("the region's chain holds the old journal and the region's new entries: %+v", region)
		}
		if err := old.Check(ctx, db.AuditLink); err != nil {
			t.Fatalf("the old checkpoint: %v", err)
		}

		liftGuards(t, db, raw)
		rawExec(t, raw, "DELETE FROM audit_log WHERE id = 4")
		err = old.Check(ctx, db.AuditLink)
		var m *checkpoint.Mismatch
		if !errors.As(err, &m) || m.Chain != store.RegionChain || !errors.Is(err, checkpoint.ErrCut) {
			t.Fatalf("the old journal's tail cut: %v", err)
		}
	})
}
