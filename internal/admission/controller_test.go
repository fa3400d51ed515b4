package admission

import (
	"testing"
	"time"
)

func TestControllerDecides(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name    string
		p99     time.Duration // every sample takes this long
		samples int
		peak    int
		waited  bool
		limit   int
		want    int
		median  time.Duration // if set, all but the slowest 2 % take this long
		slow    bool          // still in slow start
		after   bool          // in slow start after the decision
	}{
		{"too slow while busy: down as far as the overshoot", 200 * ms, 100, 100, true, 100, 75, 0, false, false},
		{"far too slow: down by a third at most", 900 * ms, 100, 100, true, 90, 60, 0, false, false},
		{"too slow but never below the floor", 900 * ms, 100, 12, true, 12, 10, 0, false, false},
		{"slow while nearly idle: a slow request, not a crowd", 900 * ms, 100, 10, false, 100, 100, 0, false, false},
		{"well under target and a request waited: an eighth more", 50 * ms, 100, 80, true, 80, 90, 0, false, false},
		{"well under target but never above the ceiling", 50 * ms, 100, 500, true, 500, 512, 0, false, false},
		{"well under target, nobody waited: no reason to grow", 50 * ms, 100, 40, false, 80, 80, 0, false, false},
		{"between three quarters and the target: hold", 140 * ms, 100, 100, true, 100, 100, 0, false, false},
		{"too few answers to judge", 900 * ms, minSamples - 1, 100, true, 100, 100, 0, false, false},
		{"small limit still grows by one", 10 * ms, 100, 10, true, 10, 11, 0, false, false},
		{"only the tail is slow, the median far under: not a crowd, an eighth more", 400 * ms, 100, 40, true, 40, 45, 30 * ms, false, false},
		{"only the tail is slow, the median near a third: hold", 400 * ms, 100, 40, true, 40, 40, 45 * ms, false, false},
		{"the median far under but nobody waited: hold", 400 * ms, 100, 40, false, 40, 40, 30 * ms, false, false},
		{"the median is slow too: down", 400 * ms, 100, 40, true, 40, 27, 60 * ms, false, false},
		{"slow start, well under target and a request waited: double", 50 * ms, 100, 128, true, 128, 256, 0, true, true},
		{"slow start never above the ceiling", 50 * ms, 100, 400, true, 400, 512, 0, true, true},
		{"slow start, nobody waited: hold and go on", 50 * ms, 100, 40, false, 128, 128, 0, true, true},
		{"slow start ends at the first window near the target", 140 * ms, 100, 100, true, 100, 100, 0, true, false},
		{"slow start ends at a slow window, which cuts as usual", 200 * ms, 100, 100, true, 100, 75, 0, true, false},
		{"slow start ends at a slow request while idle too", 900 * ms, 100, 10, false, 100, 100, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newController(150*ms, 10, 512, time.Time{})
			c.peak, c.waited, c.slowStart = tt.peak, tt.waited, tt.slow
			for i := range tt.samples {
				d := tt.p99
				if tt.median != 0 && i < tt.samples*98/100 {
					d = tt.median
				}
				c.samples = append(c.samples, d)
			}
			if got := c.decide(tt.limit); got != tt.want {
				t.Fatalf("decide(%d) = %d, want %d", tt.limit, got, tt.want)
			}
			if c.slowStart != tt.after {
				t.Fatalf("in slow start after the decision: %v, want %v", c.slowStart, tt.after)
			}
		})
	}
}

func TestControllerActsOncePerWindow(t *testing.T) {
	start := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	c := newController(100*time.Millisecond, 8, 512, start)
	c.peak, c.waited = 100, true
	limit := 100
	for i := range 50 {
		if l, changed := c.observe(time.Second, start.Add(time.Duration(i)*time.Millisecond), limit); changed || l != limit {
			t.Fatalf("changed within the window at sample %d: %d", i, l)
		}
	}
	l, changed := c.observe(time.Second, start.Add(window), limit)
	if !changed || l != 67 {
		t.Fatalf("at the window's end: %d %v, want 67", l, changed)
	}
	if len(c.samples) != 0 || c.peak != 0 || c.waited {
		t.Fatalf("the window was not started again: %d samples, peak %d, waited %v", len(c.samples), c.peak, c.waited)
	}
}
