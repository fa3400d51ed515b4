package admission

import (
	"slices"
	"time"
)

// window is how often the controller looks at the requests it has seen;
// it is longer than a batch of the rush lanes, so that a change of the
// limit has shown its effect before the next one.
const window = 250 * time.Millisecond

// minSamples is the fewest answered requests a window needs before the
// controller acts on it: fewer say nothing about the 99th percentile.
const minSamples = 20

// controller adapts the limit of requests served at once so that the
// 99th percentile of their service time stays under target: a
// multiplicative decrease as far as the overshoot asks (at most by a
// third), and an eighth more while the time is well under target, or
// its median far under, and requests had to wait. Between the two it
// holds, so it does not hunt.
//
// It starts as TCP does, in slow start: the gate opens below the
// ceiling, and until the first window that is not well under target the
// limit doubles each window instead of growing by an eighth. The burst
// of an opening morning is over in seconds; growing by an eighth from a
// quarter of the ceiling took twelve windows, three seconds, in which
// the server served a quarter of what it could and refused the rest.
//
// A decrease needs a crowd to show in the median too. When only the tail
// is slow (a disk flush, a pause of the database) fewer slots would not
// make it faster: they would only cut the batches short and the
// throughput with them, down to the floor.
type controller struct {
	target   time.Duration
	min, max int

	start   time.Time
	samples []time.Duration
	peak    int  // the most requests served at once in this window
	waited  bool // a request had to wait in this window

	slowStart bool // no window has yet been slow or near the target: double
}

func newController(target time.Duration, lo, hi int, now time.Time) *controller {
	return &controller{target: target, min: lo, max: hi, start: now, slowStart: true}
}

// observe notes one answered request's service time and, at the end of
// a window, returns the new limit.
func (c *controller) observe(d time.Duration, now time.Time, limit int) (int, bool) {
	c.samples = append(c.samples, d)
	if now.Sub(c.start) < window {
		return limit, false
	}
	next := c.decide(limit)
	c.start, c.samples, c.peak, c.waited = now, c.samples[:0], 0, false
	return next, next != limit
}

func (c *controller) decide(limit int) int {
	if len(c.samples) < minSamples {
		return limit
	}
	slices.Sort(c.samples)
	p50, p99 := c.samples[len(c.samples)/2], c.samples[(len(c.samples)*99)/100]
	wellUnder := p99 < c.target*3/4
	if !wellUnder {
		c.slowStart = false
	}
	// The median far under target while requests wait: what is slow is
	// the tail, and not because of the crowd. On a PostgreSQL server whose
	// every commit waits for a slow disk, the limit sat at 64 for eight
	// seconds with a median of 20 ms, a 99th percentile of 150 ms and a
	// third of the throughput it had at 250.
	roomy := p50 < c.target/4
	grow := (wellUnder || roomy) && c.waited
	switch {
	case p99 > c.target && p50 > c.target/3 && c.peak*2 >= limit:
		// Slow while busy: too many at once. (Slow while nearly idle is a
		// slow request, not a crowd; fewer slots would not help it.)
		f := max(float64(c.target)/float64(p99), 2.0/3)
		return max(c.min, int(float64(limit)*f+0.5))
	case grow && c.slowStart:
		return min(c.max, limit*2)
	case grow:
		return min(c.max, limit+max(1, limit/8))
	}
	return limit
}
