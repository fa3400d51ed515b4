package server

import (
	"context"
	"encoding/json"
	"hash/maphash"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"navigator/internal/admission"
	"navigator/internal/pagecache"
)

// TestShedRefusals: with its one slot taken, the gate refuses the API
// with problem+json, a page with a page (a GET reloads itself, a form is
// not sent again), and never the health check; a refused request that
// comes back with the same key and credentials goes before the line.
func TestShedRefusals(t *testing.T) {
	s := &Server{}
	gate := admission.New(admission.Config{Max: 1, Wait: 10 * time.Millisecond})
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	var shed int
	h := s.shed(gate, func() { shed++ }, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		if r.Header.Get("X-Hold") != "" {
			<-release
		}
		w.WriteHeader(http.StatusCreated)
	}))
	serve := func(r *http.Request) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	apply := func(token, key string) *http.Request {
		r := httptest.NewRequest("POST", "/api/v1/applications", strings.NewReader("{}"))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Idempotency-Key", key)
		return r
	}

	held := make(chan int)
	go func() {
		r := apply("t0", "k0")
		r.Header.Set("X-Hold", "1")
		held <- serve(r).Code
	}()
	<-started

	rec := serve(apply("t1", "k1"))
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") ||
		json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Status != 503 || !strings.Contains(p.Detail, "Idempotency-Key") {
		t.Fatalf("API refusal: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	page := serve(httptest.NewRequest("GET", "/programs?q=шахматы", nil))
	if page.Code != 503 || !strings.Contains(page.Body.String(), `http-equiv="refresh"`) || !strings.Contains(page.Body.String(), "Сейчас очень много обращений") {
		t.Fatalf("page refusal: %d %s", page.Code, page.Body)
	}
	form := serve(httptest.NewRequest("POST", "/cabinet/applications", strings.NewReader("group=1")))
	if form.Code != 503 || strings.Contains(form.Body.String(), "refresh") || !strings.Contains(form.Body.String(), "Ваши данные не отправлены") {
		t.Fatalf("form refusal: %d %s", form.Code, form.Body)
	}
	if health := serve(httptest.NewRequest("GET", "/healthz", nil)); health.Code != http.StatusCreated {
		t.Fatalf("health check refused: %d", health.Code)
	}
	<-started // the health check ran
	if shed != 3 {
		t.Fatalf("%d refusals counted, want 3", shed)
	}

	close(release)
	if code := <-held; code != http.StatusCreated {
		t.Fatalf("held request: %d", code)
	}
	if got := gate.Stats(); got.InFlight != 0 || got.Refused != 3 {
		t.Fatalf("gate after the refusals: %+v", got)
	}
}

// TestShedRecognisesTheRetry: the key of a request is the same when it
// comes again, and differs for another parent with the same
// Idempotency-Key, another page, or another session.
func TestShedRecognisesTheRetry(t *testing.T) {
	s := &Server{}
	seed := maphash.MakeSeed()
	req := func(method, target, auth, key, cookie string) *http.Request {
		r := httptest.NewRequestWithContext(context.Background(), method, target, nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if key != "" {
			r.Header.Set("Idempotency-Key", key)
		}
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
		}
		return r
	}
	a := s.retryKey(seed, req("POST", "/api/v1/applications", "Bearer A", "k1", ""))
	tests := []struct {
		name string
		r    *http.Request
		same bool
	}{
		{"the same request again", req("POST", "/api/v1/applications", "Bearer A", "k1", ""), true},
		{"another parent, the same key", req("POST", "/api/v1/applications", "Bearer B", "k1", ""), false},
		{"the same parent, another key", req("POST", "/api/v1/applications", "Bearer A", "k2", ""), false},
	}
	for _, tt := range tests {
		if got := s.retryKey(seed, tt.r) == a; got != tt.same {
			t.Errorf("%s: same key %v, want %v", tt.name, got, tt.same)
		}
	}
	p := s.retryKey(seed, req("GET", "/programs?page=2", "", "", "session-1"))
	if s.retryKey(seed, req("GET", "/programs?page=2", "", "", "session-1")) != p ||
		s.retryKey(seed, req("GET", "/programs?page=3", "", "", "session-1")) == p ||
		s.retryKey(seed, req("GET", "/programs?page=2", "", "", "session-2")) == p {
		t.Error("pages are not told apart by session and address")
	}
	if p == 0 || a == 0 {
		t.Error("a key of 0 means unknown")
	}
}

// TestShedServesTheRetryFirst: a parent refused once comes back with the
// same key and goes before a request that came in the meantime.
func TestShedServesTheRetryFirst(t *testing.T) {
	s := &Server{}
	gate := admission.New(admission.Config{Max: 1, Wait: 300 * time.Millisecond})
	release := make(chan struct{})
	served := make(chan string, 4)
	h := s.shed(gate, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served <- r.Header.Get("Authorization")
		if r.Header.Get("Authorization") == "Bearer holder" {
			<-release
		}
	}))
	send := func(token, key string) int {
		r := httptest.NewRequest("POST", "/api/v1/applications", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Idempotency-Key", key)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Code
	}
	go send("holder", "h")
	<-served
	if code := send("parent", "k"); code != http.StatusServiceUnavailable {
		t.Fatalf("the parent was not refused: %d", code)
	}
	waitLine := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); gate.Stats().Waiting != n; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the line never held %d", n)
			}
		}
	}
	codes := make(chan int, 2)
	go func() { codes <- send("newcomer", "n") }()
	waitLine(1)
	go func() { codes <- send("parent", "k") }()
	waitLine(2)
	close(release)
	if first, second := <-served, <-served; first != "Bearer parent" || second != "Bearer newcomer" {
		t.Fatalf("served %q before %q", first, second)
	}
	if a, b := <-codes, <-codes; a != http.StatusOK || b != http.StatusOK {
		t.Fatalf("answers %d and %d", a, b)
	}
}

// TestCacheHitsBeforeTheGate: with the gate's one slot taken, a visitor
// without credentials still gets a fresh catalog page from the cache,
// with the security headers; a signed-in request and a page not kept
// queue at the gate and are shed.
func TestCacheHitsBeforeTheGate(t *testing.T) {
	s := &Server{catalog: pagecache.New(pagecache.Config{MaxAge: time.Hour})}
	gate := admission.New(admission.Config{Max: 1, Wait: 10 * time.Millisecond})
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	renders := 0
	page := s.catalog.Wrap(func(*http.Request) bool { return true }, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders++
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<p>Каталог программ</p>"))
	}))
	h := s.fromCache(s.shed(gate, nil, securityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Hold") != "" {
			started <- struct{}{}
			<-release
			return
		}
		page.ServeHTTP(w, r)
	}))))
	get := func(target string, cookie bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", target, nil)
		if cookie {
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: "x"})
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	if rec := get("/programs?q=шахматы", false); rec.Code != 200 || renders != 1 {
		t.Fatalf("first visit: %d, %d renders", rec.Code, renders)
	}
	done := make(chan struct{})
	go func() {
		r := httptest.NewRequest("GET", "/slow", nil)
		r.Header.Set("X-Hold", "1")
		h.ServeHTTP(httptest.NewRecorder(), r)
		close(done)
	}()
	<-started
	rec := get("/programs?q=шахматы", false)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Каталог программ") || rec.Header().Get("X-Content-Type-Options") != "nosniff" || renders != 1 {
		t.Fatalf("a kept page with the gate full: %d %v %q, %d renders", rec.Code, rec.Header(), rec.Body, renders)
	}
	if rec := get("/programs?q=шахматы", true); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("a signed-in request went round the gate: %d", rec.Code)
	}
	if rec := get("/programs?q=футбол", false); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("a page not kept went round the gate: %d", rec.Code)
	}
	close(release)
	<-done
}
