package admission

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// waitFor polls until the gate's lines hold fresh and retries waiting
// requests.
func waitFor(t *testing.T, g *Gate, fresh, retries int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		g.mu.Lock()
		f, r := g.fresh.Len(), g.retries.Len()
		g.mu.Unlock()
		if f == fresh && r == retries {
			return
		}
	}
	t.Fatalf("the lines never held %d fresh and %d retries", fresh, retries)
}

// enterInTurn sends a request for each key, each once the one before is
// in line (queued(i) waits for that), then calls release to free the slot
// they wait for, and returns the keys in the order they were let in.
func enterInTurn(t *testing.T, g *Gate, keys []uint64, queued func(i int), release func()) []uint64 {
	t.Helper()
	var mu sync.Mutex
	var order []uint64
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done, ok := g.Admit(context.Background(), key)
			if !ok {
				t.Errorf("request %d refused", key)
				return
			}
			mu.Lock()
			order = append(order, key)
			mu.Unlock()
			done()
		}()
		queued(i)
	}
	release()
	wg.Wait()
	return order
}

func TestGateRefusesAfterTheWaitAndServesTheRetryFirst(t *testing.T) {
	ctx := context.Background()
	g := New(Config{Max: 1, Wait: 20 * time.Millisecond})
	doneA, ok := g.Admit(ctx, 1)
	if !ok {
		t.Fatal("the first request was refused by an empty gate")
	}
	if _, ok := g.Admit(ctx, 2); ok {
		t.Fatal("a second request was let in beyond the limit")
	}
	if s := g.Stats(); s.Refused != 1 || s.InFlight != 1 {
		t.Fatalf("stats after a refusal: %+v", s)
	}

	// A long wait now: C, never refused, queues first; then B comes back.
	g.cfg.Wait = 5 * time.Second
	order := enterInTurn(t, g, []uint64{3, 2}, func(i int) { waitFor(t, g, 1, i) }, doneA)
	if len(order) != 2 || order[0] != 2 || order[1] != 3 {
		t.Fatalf("served in the order %v, want the retry 2 before 3", order)
	}
	if s := g.Stats(); s.RetriesFirst != 1 || s.InFlight != 0 {
		t.Fatalf("stats at the end: %+v", s)
	}

	// A retry is recognised once: coming again it waits in line as anyone.
	if _, ok := g.refused.take(2, time.Now()); ok {
		t.Fatal("the retry's key was still remembered after it was served")
	}
}

// TestGateLetsRetriesInByFirstComing: parents refused at different times
// come back in the opposite order; the one who first came earliest goes
// first.
func TestGateLetsRetriesInByFirstComing(t *testing.T) {
	ctx := context.Background()
	g := New(Config{Max: 1, Wait: 5 * time.Millisecond})
	holder, _ := g.Admit(ctx, 0)
	for _, key := range []uint64{11, 12, 13} {
		if _, ok := g.Admit(ctx, key); ok {
			t.Fatalf("request %d let in beyond the limit", key)
		}
		time.Sleep(2 * time.Millisecond)
	}
	g.cfg.Wait = 5 * time.Second
	order := enterInTurn(t, g, []uint64{13, 12, 11}, func(i int) { waitFor(t, g, 0, i+1) }, holder)
	if len(order) != 3 || order[0] != 11 || order[1] != 12 || order[2] != 13 {
		t.Fatalf("retries let in as %v, want 11 12 13", order)
	}
}

func TestGateLetsTheLineInOrder(t *testing.T) {
	ctx := context.Background()
	g := New(Config{Max: 1, Wait: 5 * time.Second})
	first, _ := g.Admit(ctx, 0)
	// Keys that were never refused: each waits in line as a newcomer.
	order := enterInTurn(t, g, []uint64{1, 2, 3, 4, 5}, func(i int) { waitFor(t, g, i+1, 0) }, first)
	if !slices.IsSorted(order) || len(order) != 5 {
		t.Fatalf("served in the order %v", order)
	}
}

func TestGateForgetsAClientThatLeft(t *testing.T) {
	g := New(Config{Max: 1, Wait: 5 * time.Second})
	done, _ := g.Admit(context.Background(), 0)
	ctx, cancel := context.WithCancel(context.Background())
	refused := make(chan bool)
	go func() {
		_, ok := g.Admit(ctx, 7)
		refused <- !ok
	}()
	waitFor(t, g, 1, 0)
	cancel()
	if !<-refused {
		t.Fatal("a request whose client left was admitted")
	}
	waitFor(t, g, 0, 0)
	if s := g.Stats(); s.Refused != 0 {
		t.Fatalf("a client that left counted as refused: %+v", s)
	}
	done()
	if s := g.Stats(); s.InFlight != 0 {
		t.Fatalf("a slot was lost: %+v", s)
	}
}

func TestGateWithoutLimitAdmitsEveryone(t *testing.T) {
	g := New(Config{})
	for range 1000 {
		if _, ok := g.Admit(context.Background(), 0); !ok {
			t.Fatal("refused by a gate without a limit")
		}
	}
}

// sim drives a gate on a clock of its own, one millisecond at a time,
// with more demand than it admits: a request admitted when n are in
// service takes service(n).
func sim(t *testing.T, g *Gate, clock *time.Time, d time.Duration, service func(n int) time.Duration, demand int) {
	t.Helper()
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	type running struct {
		end  time.Time
		done func()
	}
	var in []running
	for end := clock.Add(d); clock.Before(end); *clock = clock.Add(time.Millisecond) {
		keep := in[:0]
		for _, r := range in {
			if !r.end.After(*clock) {
				r.done()
			} else {
				keep = append(keep, r)
			}
		}
		in = keep
		for len(in) < demand {
			s := g.Stats()
			if s.InFlight >= s.Limit {
				// One more asks and is refused: the gate sees the crowd.
				if _, ok := g.Admit(gone, 0); ok {
					t.Fatal("admitted beyond the limit")
				}
				break
			}
			done, ok := g.Admit(context.Background(), 0)
			if !ok {
				t.Fatal("refused with a free slot")
			}
			in = append(in, running{end: clock.Add(service(len(in) + 1)), done: done})
		}
	}
	for _, r := range in { // the crowd ends: the last ones are answered
		*clock = clock.Add(max(0, r.end.Sub(*clock)))
		r.done()
	}
}

func TestGateFindsTheLimitThatKeepsTheTarget(t *testing.T) {
	clock := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	g := newGate(Config{Max: 1000, Wait: 50 * time.Millisecond, Target: 200 * time.Millisecond}, func() time.Time { return clock })
	if s := g.Stats(); s.Limit != 250 {
		t.Fatalf("starts at %d, want a quarter of the ceiling", s.Limit)
	}
	// A server that answers 1000 requests a second: with n inside, each
	// takes n ms (Little's law). The target leaves 150 ms for the service.
	sim(t, g, &clock, 10*time.Second, func(n int) time.Duration { return time.Duration(n) * time.Millisecond }, 2000)
	s := g.Stats()
	if s.Limit < 112 || s.Limit > 150 {
		t.Fatalf("settled at %d, want 112..150 (150 ms at 1000/s): %+v", s.Limit, s)
	}
	if s.LowestLimit < 100 {
		t.Fatalf("overshot down to %d", s.LowestLimit)
	}

	// The server gets four times faster: the limit grows to use it.
	sim(t, g, &clock, 10*time.Second, func(n int) time.Duration { return time.Duration(n) * time.Millisecond / 4 }, 2000)
	if s := g.Stats(); s.Limit < 450 || s.Limit > 600 {
		t.Fatalf("after the speed-up settled at %d, want 450..600: %+v", s.Limit, s)
	}
}

func TestGateKeepsItsLimitForSlowRequestsOfAQuietServer(t *testing.T) {
	clock := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	g := newGate(Config{Max: 512, Wait: 50 * time.Millisecond, Target: 200 * time.Millisecond}, func() time.Time { return clock })
	// Five at a time, each a slow report of 800 ms: slowness, not a crowd.
	sim(t, g, &clock, 10*time.Second, func(int) time.Duration { return 800 * time.Millisecond }, 5)
	if s := g.Stats(); s.Limit != 128 || s.LimitAdjustments != 0 {
		t.Fatalf("a quiet server's limit moved: %+v", s)
	}
}

// TestGateDoesNotStarveBatchesForATail: a database that answers a batch
// in 40 ms whatever its size up to 64, slower beyond, and stalls one
// request in 50 for 300 ms. The p99 is over the target at any limit; the
// median shows where the crowd begins, and the limit stays there instead
// of falling to the floor and cutting the batches short.
func TestGateDoesNotStarveBatchesForATail(t *testing.T) {
	clock := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	g := newGate(Config{Max: 512, Wait: 50 * time.Millisecond, Target: 200 * time.Millisecond}, func() time.Time { return clock })
	var k int
	sim(t, g, &clock, 10*time.Second, func(n int) time.Duration {
		k++
		if k%50 == 0 {
			return 300 * time.Millisecond
		}
		return 40*time.Millisecond + time.Duration(max(0, n-64))*600*time.Microsecond
	}, 2000)
	if s := g.Stats(); s.Limit < 48 || s.Limit > 110 {
		t.Fatalf("settled at %d, want near the 64 where the crowd begins: %+v", s.Limit, s)
	}
}
