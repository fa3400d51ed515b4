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
	p.took(200 * time.Millisecond)
	if got := time.Duration(p.typical.Load()); got != 200*time.Millisecond {
		t.Fatalf("the first run is taken as it is: %v", got)
	}
	p.took(600 * time.Millisecond)
	if got := time.Duration(p.typical.Load()); got != 300*time.Millisecond {
		t.Fatalf("a later run moves the average by a quarter: %v, want 300ms", got)
	}
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
