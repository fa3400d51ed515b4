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
// pass, on both engines, and the window starting anew lets them in again.
func TestTakeAttemptParallel(t *testing.T) {
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
				} else if wait <= 0 || wait > time.Hour {
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
		if ok, _, err := db.TakeAttempt(ctx, "test:short", 1, time.Millisecond); err != nil || !ok {
			t.Fatalf("first in a short window: ok=%v err=%v", ok, err)
		}
		deadline := time.Now().Add(2 * time.Second)
		for {
			ok, _, err := db.TakeAttempt(ctx, "test:short", 1, time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("a new window never began")
			}
		}
	})
}
