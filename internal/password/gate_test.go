package password_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"navigator/internal/password"
)

// TestGateBoundsHashesAtOnce: 30 hashes asked at once through a gate of 2
// slots never run more than 2 at a time; those that cannot get a slot in
// the wait are refused with ErrBusy, the others finish.
func TestGateBoundsHashesAtOnce(t *testing.T) {
	g := password.NewGate(2, 60*time.Millisecond)
	var done, busy atomic.Int32
	var wg sync.WaitGroup
	for range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := g.Hash(context.Background(), "пароль-для-проверки")
			switch {
			case err == nil:
				done.Add(1)
			case errors.Is(err, password.ErrBusy):
				busy.Add(1)
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if done.Load() == 0 || busy.Load() == 0 || done.Load()+busy.Load() != 30 {
		t.Fatalf("%d hashed, %d refused as busy; want some of each, 30 in all", done.Load(), busy.Load())
	}
	// Hashes take about 50 ms each: two slots and a 60 ms wait let few
	// more than 2 + 2*60/50 through.
	if done.Load() > 10 {
		t.Fatalf("%d hashes went through a gate of 2 slots in 60 ms of waiting", done.Load())
	}
}

func TestGateWaitsForASlot(t *testing.T) {
	g := password.NewGate(1, 5*time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := g.Hash(context.Background(), "пароль-для-проверки")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a request that could wait was refused: %v", err)
		}
	}
}
