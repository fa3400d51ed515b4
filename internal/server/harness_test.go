package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"navigator/internal/auth"
	"navigator/internal/browsertest"
	"navigator/internal/contingent"
	"navigator/internal/demo"
	"navigator/internal/password"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// env is a running server over a seeded demo region.
type env struct {
	db     *store.DB
	keys   *secret.Keys
	srv    *httptest.Server
	region *demo.Region
	steps  *otpSteps
	server *server.Server
	hashes *password.Gate // every password hash of the server goes through it
}

const testSecret = "test-secret-0123456789abcdef-0123456789"

var (
	seedOnce sync.Once
	region   *demo.Region
)

// TestMain drops the seeded copies and templates the tests cloned from.
func TestMain(m *testing.M) { storetest.Main(m, browsertest.Close) }

// newEnv starts a server on a fresh database of the engine with the demo
// region in it.
func newEnv(t *testing.T, engine store.Engine) *env { return newEnvB(t, engine) }

// newEnvB is newEnv for tests and benchmarks.
func newEnvB(t testing.TB, engine store.Engine) *env {
	t.Helper()
	seedOnce.Do(func() { region = demo.Generate() })
	keys, err := secret.New(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	// The demo region is seeded once per engine and cloned for each test.
	db := storetest.Seeded(t, engine, "demo", keys, func(ctx context.Context, db *store.DB) error {
		_, err := store.Demo(db).Seed(ctx, region, keys, password.CheapHash, "demo-parent-2026")
		return err
	})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hashes := password.DefaultGate()
	svc := service.New(service.Deps{DB: db, Keys: keys, Registry: contingent.NewBuiltin(db, keys), BaseURL: "http://navigator.test", Passwords: hashes})
	s, err := server.New(server.Config{Demo: true}, auth.New(db, keys, hashes), svc, log)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &env{db: db, keys: keys, srv: ts, region: region, steps: &otpSteps{}, server: s, hashes: hashes}
}

// do sends a request and returns the response with its body read.
func (e *env) do(t *testing.T, method, path, body string, headers ...string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// scenario is one API call and what must come back.
type scenario struct {
	name       string
	method     string
	path       string
	body       string
	headers    []string
	status     int
	contains   []string
	notContain []string
	header     map[string]string
}

func (e *env) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			method := sc.method
			if method == "" {
				method = http.MethodGet
			}
			resp, body := e.do(t, method, sc.path, sc.body, sc.headers...)
			if resp.StatusCode != sc.status {
				t.Fatalf("%s %s: status %d, want %d; body %s", method, sc.path, resp.StatusCode, sc.status, body)
			}
			for _, s := range sc.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q: %s", s, trim(body))
				}
			}
			for _, s := range sc.notContain {
				if strings.Contains(body, s) {
					t.Errorf("body has %q: %s", s, trim(body))
				}
			}
			for k, v := range sc.header {
				if got := resp.Header.Get(k); !strings.Contains(got, v) {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}
