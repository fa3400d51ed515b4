package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestTakeAttemptParallel fires many attempts at once: exactly the limit
// pass, on both engines, and forgetting the key lets attempts in again.
func TestTakeAttemptParallel(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var passed atomic.Int32
		var wg sync.WaitGroup
		for range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, wait, err := db.TakeAttempt(ctx, "test:one", 5, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					passed.Add(1)
				} else if wait <= 0 || wait > time.Hour+time.Second { // the clocks of Go and the database may differ by a little
					t.Errorf("retry after %v", wait)
				}
			}()
		}
		wg.Wait()
		if n := passed.Load(); n != 5 {
			t.Fatalf("%d of 40 attempts passed, want 5", n)
		}
		if err := db.ForgetAttempts(ctx, "test:one"); err != nil {
			t.Fatal(err)
		}
		if ok, _, err := db.TakeAttempt(ctx, "test:one", 5, time.Hour); err != nil || !ok {
			t.Fatalf("after forgetting: ok=%v err=%v", ok, err)
		}
	})
}

// TestTakeAttemptWindow: attempts spread wider than the window do not add
// up, a refused key waits until its window ends, and a refund takes back
// only one attempt.
func TestTakeAttemptWindow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := db.Now()
		db.SetClock(func() time.Time { return now })
		take := func(key string) (bool, time.Duration) {
			t.Helper()
			ok, wait, err := db.TakeAttempt(ctx, key, 3, 10*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return ok, wait
		}
		for i := 0; i < 3; i++ {
			if ok, _ := take("k:a"); !ok {
				t.Fatalf("attempt %d refused", i+1)
			}
		}
		now = now.Add(4 * time.Minute)
		if ok, wait := take("k:a"); ok || wait != 6*time.Minute {
			t.Fatalf("4th attempt: ok=%v wait=%v, want refused for 6m", ok, wait)
		}
		now = now.Add(6*time.Minute + time.Second)
		if ok, _ := take("k:a"); !ok {
			t.Fatal("refused in a new window")
		}
		if ok, _ := take("k:a"); !ok {
			t.Fatal("2nd attempt of the new window refused")
		}
		must(t, db.RefundAttempt(ctx, "k:a"))
		must(t, db.RefundAttempt(ctx, "k:never"))
		for i, want := range []bool{true, true, false} {
			if ok, _ := take("k:a"); ok != want {
				t.Fatalf("after a refund, attempt %d: ok=%v, want %v", i+1, ok, want)
			}
		}
		now = now.Add(20 * time.Minute)
		if n, err := db.PurgeAttempts(ctx, now.Add(-10*time.Minute)); err != nil || n != 1 {
			t.Fatalf("purged %d counters (%v), want 1", n, err)
		}
		if ok, _ := take("k:a"); !ok {
			t.Fatal("refused after purge")
		}
	})
}
