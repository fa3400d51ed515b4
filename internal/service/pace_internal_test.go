package service

import (
	"context"
	"testing"
	"time"
)

func TestPace(t *testing.T) {
	var p pace
	start := time.Now()
	if err := p.waitFrom(context.Background(), start); err != nil || time.Since(start) > 20*time.Millisecond {
		t.Fatalf("a path never run makes the other wait %v (%v)", time.Since(start), err)
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
	p.took(300 * time.Millisecond)
	p.runs = []time.Duration{300 * time.Millisecond}
	start = time.Now().Add(-250 * time.Millisecond)
	if err := p.waitFrom(context.Background(), start); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 400*time.Millisecond {
		t.Fatalf("waited until %v after the start, want about 300ms", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.waitFrom(ctx, time.Now()); err == nil {
		t.Fatal("a cancelled request still waits")
	}
}
