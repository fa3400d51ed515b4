package service

import (
	"context"
	"sync/atomic"
	"time"
)

// pace keeps how long a path has taken lately, so that another path whose
// answer must not be told apart from it can take as long. The first
// measurement is taken as it is and later ones move the average by a
// quarter: under a processor shared with other work the path slows down
// at once, and an average that began at a guess would lag behind it.
type pace struct {
	typical atomic.Int64 // nanoseconds; 0 until the path has run once
}

// took records one run of the path.
func (p *pace) took(d time.Duration) {
	for {
		old := p.typical.Load()
		next := int64(d)
		if old != 0 {
			next = old - old/4 + int64(d)/4
		}
		if p.typical.CompareAndSwap(old, next) {
			return
		}
	}
}

// waitFrom waits until the path's typical time has passed since start.
func (p *pace) waitFrom(ctx context.Context, start time.Time) error {
	left := time.Duration(p.typical.Load()) - time.Since(start)
	if left <= 0 {
		return nil
	}
	t := time.NewTimer(left)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
