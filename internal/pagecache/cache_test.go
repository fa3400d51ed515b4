package pagecache

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a clock the test moves.
type clock struct{ ns atomic.Int64 }

func (c *clock) now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *clock) add(d time.Duration) { c.ns.Add(int64(d)) }
func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}
func anyone(*http.Request) bool { return true }
func get(h http.Handler, path string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// seats is a handler whose answer is the render's time, as a page of the
// catalog tells the seats left as of its render.
type seats struct {
	clk     *clock
	renders atomic.Int64
	delay   time.Duration
}

func (s *seats) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.renders.Add(1)
	at := s.clk.now().UnixNano()
	time.Sleep(s.delay)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "%d %s %s", at, r.URL.RequestURI(), strings.Repeat("Свободных мест: 3. ", 100))
}

func bornOf(t *testing.T, body string) time.Time {
	t.Helper()
	var ns int64
	if _, err := fmt.Sscan(body, &ns); err != nil {
		t.Fatalf("body %q: %v", body[:min(len(body), 40)], err)
	}
	return time.Unix(0, ns)
}

// TestNeverStalerThanMaxAge walks the clock past the bound and checks
// every answer's age, and that a fresh answer is not rendered again.
func TestNeverStalerThanMaxAge(t *testing.T) {
	clk := newClock()
	h := &seats{clk: clk}
	c := New(Config{Fresh: 750 * time.Millisecond, MaxAge: time.Second, Now: clk.now})
	wrapped := c.Wrap(anyone, h)
	steps := []struct {
		advance time.Duration
		renders int64 // renders so far
	}{
		{0, 1},
		{100 * time.Millisecond, 1},
		{600 * time.Millisecond, 1},  // 700 ms: fresh
		{100 * time.Millisecond, 2},  // 800 ms: the first request renders anew
		{0, 2},                       // and the next is served that new one
		{2 * time.Second, 3},         // long past: rendered again
		{999 * time.Millisecond, 4},  // 999 ms after that: stale, renders
		{1000 * time.Millisecond, 5}, // exactly the bound: renders
		{10 * time.Millisecond, 5},
	}
	for i, st := range steps {
		clk.add(st.advance)
		w := get(wrapped, "/programs/7")
		if w.Code != http.StatusOK {
			t.Fatalf("step %d: %d", i, w.Code)
		}
		if age := clk.now().Sub(bornOf(t, w.Body.String())); age > time.Second || age < 0 {
			t.Errorf("step %d: served an answer %v old", i, age)
		}
		if got := h.renders.Load(); got != st.renders {
			t.Errorf("step %d: %d renders, want %d", i, got, st.renders)
		}
	}
}

// TestOneRenderUnderLoad: many parents at once on a page past its
// freshness cost one render, and nobody gets an answer beyond the bound.
func TestOneRenderUnderLoad(t *testing.T) {
	for _, tc := range []struct {
		name    string
		advance time.Duration
	}{
		{"stale: one renders, the others get the previous answer", 900 * time.Millisecond},
		{"expired: all wait for one render", 5 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock()
			h := &seats{clk: clk, delay: 20 * time.Millisecond}
			wrapped := New(Config{MaxAge: time.Second, Now: clk.now}).Wrap(anyone, h)
			get(wrapped, "/")
			clk.add(tc.advance)
			var wg sync.WaitGroup
			ages := make([]time.Duration, 200)
			for i := range ages {
				wg.Add(1)
				go func() {
					defer wg.Done()
					w := get(wrapped, "/")
					ages[i] = clk.now().Sub(bornOf(t, w.Body.String()))
				}()
			}
			wg.Wait()
			if got := h.renders.Load(); got != 2 {
				t.Errorf("%d renders, want 2", got)
			}
			for i, a := range ages {
				if a > time.Second {
					t.Fatalf("request %d: answer %v old", i, a)
				}
			}
		})
	}
}

func TestConditionalAndCompressed(t *testing.T) {
	clk := newClock()
	wrapped := New(Config{Now: clk.now}).Wrap(anyone, &seats{clk: clk})
	first := get(wrapped, "/api/v1/programs?page=2")
	etag := first.Header().Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) || first.Header().Get("Cache-Control") != "public, no-cache" ||
		first.Header().Get("Vary") != "Accept-Encoding, Cookie" || first.Header().Get("Content-Encoding") != "" {
		t.Fatalf("headers: %v", first.Header())
	}
	identity := first.Body.Bytes()
	cases := []struct {
		name     string
		hdr      []string
		status   int
		encoding string
	}{
		{"the same ETag", []string{"If-None-Match", etag}, http.StatusNotModified, ""},
		{"one of a list, strong form", []string{"If-None-Match", `"x", ` + strings.TrimPrefix(etag, "W/")}, http.StatusNotModified, ""},
		{"another ETag", []string{"If-None-Match", `W/"other"`}, http.StatusOK, ""},
		{"gzip", []string{"Accept-Encoding", "gzip, deflate, br"}, http.StatusOK, "gzip"},
		{"gzip refused", []string{"Accept-Encoding", "gzip;q=0, identity"}, http.StatusOK, ""},
		{"no gzip", []string{"Accept-Encoding", "br"}, http.StatusOK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := get(wrapped, "/api/v1/programs?page=2", tc.hdr...)
			if w.Code != tc.status || w.Header().Get("Content-Encoding") != tc.encoding {
				t.Fatalf("%d %q, want %d %q", w.Code, w.Header().Get("Content-Encoding"), tc.status, tc.encoding)
			}
			if w.Header().Get("ETag") != etag {
				t.Errorf("ETag %q, want %q", w.Header().Get("ETag"), etag)
			}
			body := w.Body.Bytes()
			switch {
			case tc.status == http.StatusNotModified:
				if len(body) != 0 {
					t.Errorf("304 with a body of %d bytes", len(body))
				}
				return
			case tc.encoding == "gzip":
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if w.Body.Len() >= len(identity)/2 {
					t.Errorf("gzip %d bytes of %d", w.Body.Len(), len(identity))
				}
			}
			if !bytes.Equal(body, identity) {
				t.Errorf("body differs from the first answer")
			}
		})
	}
}

// TestWhatIsNotKept: other people's answers, errors and cookies go
// through untouched every time.
func TestWhatIsNotKept(t *testing.T) {
	cases := []struct {
		name    string
		use     func(*http.Request) bool
		method  string
		handler http.HandlerFunc
	}{
		{"a signed-in person", func(r *http.Request) bool { return false }, http.MethodGet, ok},
		{"a POST", anyone, http.MethodPost, ok},
		{"not found", anyone, http.MethodGet, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }},
		{"a cookie set", anyone, http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
			http.SetCookie(w, &http.Cookie{Name: "s", Value: "x"})
			ok(w, r)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls int
			c := New(Config{})
			h := c.Wrap(tc.use, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++; tc.handler(w, r) }))
			for range 3 {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(tc.method, "/programs/1", nil))
				if w.Header().Get("ETag") != "" {
					t.Errorf("an ETag on an answer not kept")
				}
			}
			if calls != 3 || c.Len() != 0 {
				t.Errorf("%d calls, %d kept; want 3 and 0", calls, c.Len())
			}
		})
	}
}

func ok(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }

func TestBoundedByEntries(t *testing.T) {
	c := New(Config{MaxEntries: 3})
	h := c.Wrap(anyone, http.HandlerFunc(ok))
	for i := range 10 {
		get(h, fmt.Sprintf("/programs?q=%d", i))
	}
	if c.Len() != 3 {
		t.Errorf("%d kept, want 3", c.Len())
	}
}

// TestRenderOutlivesTheClient: the request that renders may go away;
// the render others wait for is not cut short.
func TestRenderOutlivesTheClient(t *testing.T) {
	c := New(Config{})
	h := c.Wrap(anyone, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.Context().Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ok(w, r)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
	if w.Code != http.StatusOK || c.Len() != 1 {
		t.Errorf("%d, %d kept", w.Code, c.Len())
	}
}
