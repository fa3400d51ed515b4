package cluster_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"navigator/internal/auth"
)

// testThrottling: failed sign-ins of one account spread over the three
// servers count against one limit, not one per server.
func testThrottling(t *testing.T, r *region) {
	email := r.fresh()
	for i := range auth.AccountAttempts {
		sv := r.Servers[i%len(r.Servers)]
		got := call(t, http.MethodPost, sv.URL(), "/api/v1/auth/login", "", map[string]string{"email": email, "password": "не тот пароль"})
		if got.status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d on %s: %d %s, want 401", i+1, sv.Name, got.status, got.body)
		}
	}
	// Every server now refuses, even the right password, and says when to
	// come back.
	for _, sv := range r.Servers {
		got := call(t, http.MethodPost, sv.URL(), "/api/v1/auth/login", "", map[string]string{"email": email, "password": rushPassword})
		if got.status != http.StatusTooManyRequests || got.header.Get("Retry-After") == "" {
			t.Errorf("after %d failures on three servers, %s answers %d (Retry-After %q), want 429", auth.AccountAttempts, sv.Name, got.status, got.header.Get("Retry-After"))
		}
	}
}

// testIdempotency: one application sent with one Idempotency-Key to two
// servers at once, several times each, is one application, and every
// answer names it.
func testIdempotency(t *testing.T, r *region) {
	f := len(r.rush.Families) - 1 // outside the seat rush
	body := map[string]int64{"child_id": r.rush.Families[f].ChildID, "group_id": r.rush.Target[f]}
	var wg sync.WaitGroup
	answers := make([]reply, 8)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = call(t, http.MethodPost, r.Servers[i%2].URL(), "/api/v1/applications", r.rush.Tokens[f], body, "Idempotency-Key", "cluster-once")
		}()
	}
	wg.Wait()
	first := ""
	for i, a := range answers {
		if a.status != http.StatusCreated {
			t.Fatalf("answer %d: %d %s", i, a.status, a.body)
		}
		id := regexp.MustCompile(`"id":\s*\d+`).FindString(a.body)
		if first == "" {
			first = id
		}
		if id != first || id == "" {
			t.Fatalf("answer %d names %q, the first %q", i, id, first)
		}
	}
	apps, err := r.db.ApplicationsOf(context.Background(), r.rush.Families[f].SiteUserID, 0)
	if err != nil || len(apps) != 1 {
		t.Fatalf("%d applications (%v), want 1", len(apps), err)
	}
	// The same key for another request is refused, on the third server.
	other := map[string]int64{"child_id": r.rush.Families[f].ChildID, "group_id": r.rush.Baseline}
	if got := call(t, http.MethodPost, r.Servers[2].URL(), "/api/v1/applications", r.rush.Tokens[f], other, "Idempotency-Key", "cluster-once"); got.status < 400 || got.status >= 500 {
		t.Errorf("the key reused for another group: %d %s", got.status, got.body)
	}
}

// testResetLink: a reset link asked for through one server works through
// another, once, and the new password signs in on the third.
func testResetLink(t *testing.T, r *region) {
	email := r.fresh()
	if got := call(t, http.MethodPost, r.Servers[0].URL(), "/forgot-password", "", url.Values{"email": {email}}); got.status != http.StatusOK {
		t.Fatalf("forgot-password on %s: %d", r.Servers[0].Name, got.status)
	}
	letters, err := r.db.UnsentMail(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	token := ""
	for _, l := range letters {
		if l.To == email {
			if m := regexp.MustCompile(`token=([A-Za-z0-9_-]+)`).FindStringSubmatch(l.Body); m != nil {
				token = m[1]
			}
		}
	}
	if token == "" {
		t.Fatalf("no reset letter to %s among %d", email, len(letters))
	}
	const fresh = "Клён-ясень-2026-сирень"
	got := call(t, http.MethodPost, r.Servers[1].URL(), "/reset-password", "", url.Values{"token": {token}, "password": {fresh}})
	if got.status != http.StatusOK || !strings.Contains(got.body, "Пароль изменён") {
		t.Fatalf("reset through %s: %d", r.Servers[1].Name, got.status)
	}
	login(t, r.Servers[2].URL(), email, fresh)
	if got := call(t, http.MethodPost, r.Servers[0].URL(), "/reset-password", "", url.Values{"token": {token}, "password": {fresh + "!"}}); got.status == http.StatusOK {
		t.Fatalf("the used link worked again on %s", r.Servers[0].Name)
	}
}
