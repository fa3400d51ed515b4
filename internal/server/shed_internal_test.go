package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestShedAnswers503WhenFull(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	h := shed(1, 20*time.Millisecond, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		w.WriteHeader(http.StatusCreated)
	}))
	done := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/applications", nil))
		done <- rec.Code
	}()
	<-started
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/applications", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" || !strings.Contains(rec.Body.String(), "Idempotency-Key") {
		t.Fatalf("second request: %d %q %s", rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
	}
	health := httptest.NewRecorder()
	hh := shed(1, time.Millisecond, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	hh.ServeHTTP(health, httptest.NewRequest("GET", "/healthz", nil))
	if health.Code != http.StatusOK {
		t.Fatalf("healthz shed: %d", health.Code)
	}
	close(release)
	if code := <-done; code != http.StatusCreated {
		t.Fatalf("first request: %d", code)
	}
	// A slot freed within the wait is taken instead of refusing.
	rec = httptest.NewRecorder()
	h2 := shed(1, time.Second, nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	h2.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 204 {
		t.Fatalf("free slot: %d", rec.Code)
	}
}
