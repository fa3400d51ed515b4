package store_test

import (
	"context"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestAuditChainLockIsPerMunicipality: on PostgreSQL, while a transaction
// that wrote an entry of municipality A is still open (holding A's chain
// lock), an audited write of municipality B, and one of the region,
// finishes at once; another write of A waits for the open transaction and
// then links to its entry. With one lock for the whole region, B's write
// would wait too.
func TestAuditChainLockIsPerMunicipality(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t, store.Postgres)
	r := newChainRegion(t, db, 2)
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- db.Update(ctx, func(tx *store.Tx) error {
			if err := store.AuditIn(ctx, tx, r.read(0)); err != nil {
				return err
			}
			close(held)
			<-release
			return nil
		})
	}()
	select {
	case <-held:
	case err := <-done:
		t.Fatalf("the holding transaction ended: %v", err)
	}
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()

	for _, other := range []struct {
		name string
		e    store.AuditEntry
	}{{"municipality B", r.read(1)}, {"the region", r.regional()}} {
		short, cancel := context.WithTimeout(ctx, 2*time.Second)
		start := time.Now()
		err := db.Audit(short, other.e)
		cancel()
		if err != nil {
			t.Fatalf("%s waited for municipality A's open transaction: %v after %v", other.name, err, time.Since(start))
		}
		t.Logf("%s: written in %v while A's chain is locked", other.name, time.Since(start))
	}

	waiting := make(chan error, 1)
	go func() { waiting <- db.Audit(ctx, r.read(0)) }()
	select {
	case err := <-waiting:
		t.Fatalf("a second write of municipality A did not wait for its chain's lock: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	released = true
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-waiting; err != nil {
		t.Fatal(err)
	}
	chk, err := db.VerifyAudit(ctx)
	if err != nil || chk.Broken != 0 || chk.Entries != 4 || len(chk.Chains) != 3 {
		t.Fatalf("after the wait: %+v %v", chk, err)
	}
	for _, c := range chk.Chains {
		if c.Chain == r.muns[0].ID && c.Entries != 2 {
			t.Fatalf("chain A: %+v", c)
		}
	}
}

// TestAuditChainsConcurrentWritesDoNotFork: writers of several
// municipalities and of the region, all at once on PostgreSQL, leave every
// chain whole: each chain's lock keeps two writers from linking to the
// same previous entry.
func TestAuditChainsConcurrentWritesDoNotFork(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t, store.Postgres)
	r := newChainRegion(t, db, 3)
	const writers, each = 8, 20
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		go func() {
			for i := 0; i < each; i++ {
				e := r.regional()
				if k := (w + i) % 4; k < 3 {
					e = r.read(k)
				}
				if err := db.Audit(ctx, e); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < writers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	chk, err := db.VerifyAudit(ctx)
	if err != nil || chk.Broken != 0 || chk.Entries != writers*each || len(chk.Chains) != 4 {
		t.Fatalf("after concurrent writes: %+v %v", chk, err)
	}
}
