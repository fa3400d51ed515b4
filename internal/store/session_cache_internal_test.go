package store

import (
	"testing"
	"time"

	"navigator"
)

// TestSessionCacheGenerations: a look-up that overlapped an eviction, or
// that began while the cache was off, is not kept; payloads round-trip,
// and one this server cannot read evicts everything.
func TestSessionCacheGenerations(t *testing.T) {
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	parent := navigator.Session{ID: "p1", Role: navigator.RoleParent, SubjectID: 7}
	staff := navigator.Session{ID: "s1", Role: navigator.RoleOperator, SubjectID: 7}
	c := newSessionCache(true)

	gen := c.begin()
	c.evict(sessionEnded("unrelated"))
	c.put(gen, parent, navigator.Actor{Role: navigator.RoleParent, ID: 7}, now)
	if _, _, ok := c.get("p1", now); ok {
		t.Fatal("a look-up that overlapped an eviction was kept")
	}
	c.put(c.begin(), parent, navigator.Actor{Role: navigator.RoleParent, ID: 7}, now)
	c.put(c.begin(), staff, navigator.Actor{Role: navigator.RoleOperator, ID: 7}, now)
	if _, _, ok := c.get("p1", now.Add(sessionCacheFor-time.Nanosecond)); !ok {
		t.Fatal("a fresh answer was not kept")
	}
	if _, _, ok := c.get("p1", now.Add(sessionCacheFor)); ok {
		t.Fatal("an answer sessionCacheFor old was still given")
	}
	c.evict(staffChanged(7))
	if _, _, ok := c.get("s1", now); ok {
		t.Fatal("a staff member's change left their session")
	}
	if _, _, ok := c.get("p1", now); !ok {
		t.Fatal("a staff member's change evicted the parent with the same ID")
	}

	gen = c.begin()
	c.setLive(false)
	c.put(gen, parent, navigator.Actor{}, now)
	c.put(c.begin(), parent, navigator.Actor{}, now)
	if _, _, ok := c.get("p1", now); ok {
		t.Fatal("the cache kept an answer while off")
	}

	for _, ch := range []sessionChange{sessionEnded("abc def"), parentChanged(12), staffChanged(13), {all: true}} {
		if got := parseSessionChange(ch.String()); got != ch {
			t.Errorf("%q reads back as %+v, want %+v", ch.String(), got, ch)
		}
	}
	for _, p := range []string{"", "x 1", "p", "t one", "s"} {
		if got := parseSessionChange(p); !got.all {
			t.Errorf("payload %q reads as %+v, want everything evicted", p, got)
		}
	}
}
