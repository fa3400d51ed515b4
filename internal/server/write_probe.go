package server

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// writeProbe is /readyz's write to the database, done at most once per
// interval however often load balancers (or anyone else: the path is open)
// ask; callers in between get the last answer.
type writeProbe struct {
	db       prober
	log      *slog.Logger
	interval time.Duration

	mu   sync.Mutex
	last time.Time
	err  error
}

// prober commits one small write.
type prober interface {
	ProbeWrite(ctx context.Context, now time.Time) error
}

func newWriteProbe(db prober, log *slog.Logger, interval time.Duration) *writeProbe {
	return &writeProbe{db: db, log: log, interval: interval}
}

// check writes unless a write was tried within the interval, and returns
// the latest write's error.
func (p *writeProbe) check(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !p.last.IsZero() && now.Sub(p.last) < p.interval {
		return p.err
	}
	p.err = p.db.ProbeWrite(ctx, now)
	p.last = now
	if p.err != nil {
		p.log.Error("readyz: the database takes no writes", "err", p.err)
	}
	return p.err
}
