package cluster_test

import (
	"fmt"
	"net/http"
	"testing"

	"navigator/internal/cluster"
	"time"
)

// testSessions: a session made on one server works on every server and
// through the balancer, and a sign-out on one server ends it on all at
// once, though each of them keeps the session in its cache.
func testSessions(t *testing.T, r *region) {
	email := r.fresh()
	s := r.Servers
	token := login(t, s[0].URL(), email, rushPassword)
	for _, sv := range s {
		// Twice: the second answer comes from the server's session cache.
		for range 2 {
			if got := call(t, http.MethodGet, sv.URL(), "/api/v1/me", token, nil); got.status != http.StatusOK {
				t.Fatalf("a session made on %s, on %s: %d %s", s[0].Name, sv.Name, got.status, got.body)
			}
		}
	}
	seen := map[string]bool{}
	for range 6 {
		got := call(t, http.MethodGet, r.URL(), "/api/v1/me", token, nil)
		if got.status != http.StatusOK {
			t.Fatalf("through the balancer: %d %s", got.status, got.body)
		}
		seen[got.header.Get("X-Navigator-Server")] = true
	}
	if len(seen) != len(s) {
		t.Errorf("six requests through the balancer reached %v, want all %d servers", seen, len(s))
	}
	if got := call(t, http.MethodPost, s[1].URL(), "/api/v1/auth/logout", token, nil); got.status != http.StatusNoContent {
		t.Fatalf("sign-out on %s: %d %s", s[1].Name, got.status, got.body)
	}
	for _, sv := range []int{0, 2, 1} {
		endedWithin(t, s[sv], token)
	}
}

// evictionBound is how soon a session ended on one server must end on
// the others. The other servers hear of it by PostgreSQL's NOTIFY, which
// they receive a few milliseconds after the commit: the very next
// request, sent at once, may still find the session in their cache.
const evictionBound = time.Second

// endedWithin checks that the session's token is refused by the server
// within evictionBound, and logs how long it took.
func endedWithin(t *testing.T, sv *cluster.Server, token string) {
	t.Helper()
	start := time.Now()
	got := call(t, http.MethodGet, sv.URL(), "/api/v1/me", token, nil)
	stale := 0
	for got.status == http.StatusOK && time.Since(start) < evictionBound {
		stale++
		time.Sleep(time.Millisecond)
		got = call(t, http.MethodGet, sv.URL(), "/api/v1/me", token, nil)
	}
	switch {
	case got.status != http.StatusUnauthorized:
		t.Errorf("%s still answers %d after %s", sv.Name, got.status, time.Since(start))
	case stale > 0:
		t.Logf("%s: %d request(s) still let in, the session ended %s after the first", sv.Name, stale, time.Since(start).Round(time.Microsecond))
	}
}

// testDisabledAccount: the regional administrator disables a provider's
// account through one server; the provider's session, kept by every
// server, ends on all of them at once.
func testDisabledAccount(t *testing.T, r *region) {
	admin, _ := staffSession(t, r.db, "region@demo.example.ru")
	provider, id := staffSession(t, r.db, "provider.zarechny@demo.example.ru")
	for _, sv := range r.Servers {
		for range 2 {
			if got := call(t, http.MethodGet, sv.URL(), "/api/v1/me", provider, nil); got.status != http.StatusOK {
				t.Fatalf("provider on %s: %d %s", sv.Name, got.status, got.body)
			}
		}
	}
	if got := call(t, http.MethodPost, r.Servers[2].URL(), fmt.Sprintf("/api/v1/admin/staff/%d/disable", id), admin, nil); got.status != http.StatusNoContent {
		t.Fatalf("disable through %s: %d %s", r.Servers[2].Name, got.status, got.body)
	}
	for _, sv := range r.Servers {
		endedWithin(t, sv, provider)
	}
}
