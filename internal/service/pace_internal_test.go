package service

import (
	"testing"
	"time"
)

func TestPace(t *testing.T) {
	var p pace
	if got := p.typical(); got != 0 {
		t.Fatalf("a path never run: typical %v", got)
	}
	for _, c := range []struct {
		run, want time.Duration
	}{
		{400 * time.Millisecond, 400 * time.Millisecond}, // the first run is all there is
		{50 * time.Millisecond, 50 * time.Millisecond},   // a cold first run is outvoted at once
		{60 * time.Millisecond, 60 * time.Millisecond},
		{300 * time.Millisecond, 60 * time.Millisecond},
		{300 * time.Millisecond, 300 * time.Millisecond}, // a slowdown is followed within a few runs
	} {
		p.took(c.run)
		if got := p.typical(); got != c.want {
			t.Fatalf("after a run of %v: typical %v, want %v", c.run, got, c.want)
		}
	}
	for range 20 {
		p.took(time.Millisecond)
	}
	if len(p.runs) != paceRuns || p.typical() != time.Millisecond {
		t.Fatalf("%d runs kept, typical %v", len(p.runs), p.typical())
	}
}
