// Package admission decides which requests the server takes on when more
// arrive than it can answer in time, as on the morning enrolment opens.
//
// A Gate serves at most Limit requests at once. A request that finds no
// free slot waits in line for at most Config.Wait and is then refused, so
// the server answers 503 with Retry-After instead of slowing down for
// everyone. Two things make that fair and fast:
//
//   - The limit adapts. The gate watches how long admitted requests take
//     and lowers the limit when their 99th percentile passes the target,
//     raises it while they are well under the target and requests wait.
//     The right limit depends on the engine and the machine (by Little's
//     law it is the throughput times the time allowed), so no fixed
//     number suits a single binary run by any municipality.
//   - A retry goes first. A refused request's key (its Idempotency-Key,
//     or who sent it and where) is remembered for a while, with the time
//     it first came; when it comes back it is served before requests that
//     were never refused, the earliest first. So a parent refused once is
//     not refused again and again by luck, and under a crowd the server
//     still takes the parents roughly in the order they came.
package admission

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// Config is a gate's settings.
type Config struct {
	Max    int           // the most requests served at once
	Min    int           // the adaptive limit never falls below it; 0: 16 (or Max, if smaller)
	Wait   time.Duration // how long a request waits in line for a slot before it is refused
	Target time.Duration // the 99th percentile of a request's time in line and in service to keep under; 0: the limit stays at Max
}

// Stats is what a gate has done since it was made.
type Stats struct {
	Limit            int // the limit now
	LowestLimit      int // the lowest and highest the limit has been
	HighestLimit     int
	InFlight         int
	Waiting          int   // requests in line for a slot
	Refused          int64 // requests refused after waiting
	RetriesFirst     int64 // requests let in ahead of the line because they had been refused before
	LimitAdjustments int64
}

// Gate admits requests; its zero value is not usable, make it with New.
type Gate struct {
	cfg Config
	now func() time.Time

	mu       sync.Mutex
	limit    int
	inFlight int
	retries  retryLine // requests refused before, served first
	fresh    list.List // of *waiter, in order of arrival
	seq      uint64
	refused  recall
	ctl      *controller // nil: the limit is fixed
	stats    Stats
}

// New makes a gate. A Max of 0 or less makes a gate that admits everyone.
func New(cfg Config) *Gate {
	return newGate(cfg, time.Now)
}

func newGate(cfg Config, now func() time.Time) *Gate {
	if cfg.Min <= 0 {
		cfg.Min = 16
	}
	cfg.Min = min(cfg.Min, max(cfg.Max, 1))
	g := &Gate{cfg: cfg, now: now, limit: cfg.Max, refused: newRecall(1<<16, 30*time.Second)}
	if cfg.Target > 0 && cfg.Max > 0 {
		service := cfg.Target - cfg.Wait
		if service <= 0 {
			service = cfg.Target / 2
		}
		// Start low and grow: a burst that meets a cold server at its
		// ceiling would be answered late before the first measurement.
		g.limit = max(cfg.Min, cfg.Max/4)
		g.ctl = newController(service, cfg.Min, cfg.Max, now())
	}
	g.stats.LowestLimit, g.stats.HighestLimit = g.limit, g.limit
	return g
}

// Admit waits for a slot for a request whose key is key (0: a request
// that cannot be recognised when it comes back). It returns a function
// to call when the request is answered, or false when the request is
// refused: no slot freed within the wait, or ctx ended.
func (g *Gate) Admit(ctx context.Context, key uint64) (done func(), ok bool) {
	if g.cfg.Max <= 0 {
		return func() {}, true
	}
	g.mu.Lock()
	now := g.now()
	first, retry := time.Time{}, false
	if key != 0 {
		first, retry = g.refused.take(key, now)
	}
	if !retry {
		first = now
	}
	if g.inFlight < g.limit && g.retries.Len() == 0 && (retry || g.fresh.Len() == 0) {
		g.inFlight++
		g.noteAdmitted(retry)
		g.mu.Unlock()
		return g.doneFunc(), true
	}
	g.seq++
	w := &waiter{ready: make(chan struct{}), first: first, seq: g.seq}
	var el *list.Element
	if retry {
		g.retries.add(w)
	} else {
		el = g.fresh.PushBack(w)
	}
	if g.ctl != nil {
		g.ctl.waited = true
	}
	g.mu.Unlock()

	t := time.NewTimer(g.cfg.Wait)
	defer t.Stop()
	var timedOut bool
	select {
	case <-w.ready:
		return g.doneFunc(), true
	case <-t.C:
		timedOut = true
	case <-ctx.Done():
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if w.admitted { // a slot was handed over while the timer fired
		return g.doneFunc(), true
	}
	if el != nil {
		g.fresh.Remove(el)
	} else {
		g.retries.remove(w)
	}
	if timedOut {
		g.stats.Refused++
		if key != 0 {
			g.refused.note(key, first, g.now())
		}
	}
	return nil, false
}

func (g *Gate) noteAdmitted(retry bool) {
	if retry {
		g.stats.RetriesFirst++
	}
	if g.ctl != nil {
		g.ctl.peak = max(g.ctl.peak, g.inFlight)
	}
}

// doneFunc returns the function that frees a request's slot and tells
// the controller how long the request was served.
func (g *Gate) doneFunc() func() {
	start := g.now()
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.inFlight--
		if g.ctl != nil {
			now := g.now()
			if limit, changed := g.ctl.observe(now.Sub(start), now, g.limit); changed {
				g.limit = limit
				g.stats.LimitAdjustments++
				g.stats.LowestLimit = min(g.stats.LowestLimit, limit)
				g.stats.HighestLimit = max(g.stats.HighestLimit, limit)
			}
		}
		g.handOver()
	}
}

// handOver gives free slots to the waiting requests: those refused
// before first, by when they first came; then the others in order of
// arrival.
func (g *Gate) handOver() {
	for g.inFlight < g.limit {
		var w *waiter
		retry := g.retries.Len() > 0
		switch {
		case retry:
			w = g.retries.take()
		case g.fresh.Len() > 0:
			w = g.fresh.Remove(g.fresh.Front()).(*waiter)
		default:
			return
		}
		w.admitted = true
		g.inFlight++
		g.noteAdmitted(retry)
		close(w.ready)
	}
}

// Stats returns what the gate has done so far.
func (g *Gate) Stats() Stats {
	g.mu.Lock()
	defer g.mu.Unlock()
	s := g.stats
	s.Limit, s.InFlight, s.Waiting = g.limit, g.inFlight, g.fresh.Len()+g.retries.Len()
	return s
}
