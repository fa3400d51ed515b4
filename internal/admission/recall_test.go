package admission

import (
	"testing"
	"time"
)

func TestRecall(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	r := newRecall(3, 10*time.Second)
	r.note(1, t0.Add(-time.Second), t0)
	if first, ok := r.take(1, t0.Add(time.Second)); !ok || !first.Equal(t0.Add(-time.Second)) {
		t.Fatalf("a refused key was recalled as %v %v", first, ok)
	}
	if _, ok := r.take(1, t0.Add(time.Second)); ok {
		t.Fatal("a key was recalled twice")
	}
	r.note(2, t0, t0)
	if _, ok := r.take(2, t0.Add(11*time.Second)); ok {
		t.Fatal("a key was recalled after its time")
	}
	// Refused again and again: the time counts from the last refusal, and
	// the first coming is kept.
	r.note(9, t0, t0.Add(30*time.Second))
	if first, ok := r.take(9, t0.Add(35*time.Second)); !ok || !first.Equal(t0) {
		t.Fatalf("a key refused again was recalled as %v %v", first, ok)
	}
	// Full: the old keys go first; the recent ones stay.
	r.note(3, t0, t0)
	r.note(4, t0, t0.Add(20*time.Second))
	r.note(5, t0, t0.Add(20*time.Second))
	r.note(6, t0, t0.Add(20*time.Second))
	if _, ok := r.take(3, t0.Add(20*time.Second)); ok {
		t.Fatal("a full memory kept an old key")
	}
	if _, ok := r.take(4, t0.Add(20*time.Second)); !ok {
		t.Fatal("a full memory forgot a recent key")
	}
	// Full of recent keys: it forgets them all rather than grow.
	r.note(7, t0, t0.Add(20*time.Second))
	r.note(8, t0, t0.Add(20*time.Second))
	if len(r.at) > 3 {
		t.Fatalf("the memory grew to %d keys", len(r.at))
	}
}
