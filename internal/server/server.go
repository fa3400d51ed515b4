// Package server is the HTTP side of the Навигатор: the JSON API of API.md
// and the server-rendered pages, both calling the same services. Every
// route is registered in routes.go.
package server

import (
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"navigator/internal/admission"
	"navigator/internal/auth"
	"navigator/internal/metrics"
	"navigator/internal/pagecache"
	"navigator/internal/service"
)

// Config is what the server needs to know about its deployment.
type Config struct {
	SecureCookies bool             // set the Secure flag: the site is served over HTTPS
	TrustProxy    bool             // a reverse proxy in front sets X-Forwarded-For
	Demo          bool             // demo mode: demo-only pages are on
	MaxBodyBytes  int64            // request body limit
	MaxInFlight   int              // the most requests served at once; more wait, then get 503; 0: 512
	ShedWait      time.Duration    // how long a request may wait for a slot; 0: DefaultShedWait
	LatencyTarget time.Duration    // p99 of a request's time in the server the limit adapts to; 0: DefaultLatencyTarget; negative: the limit stays at MaxInFlight
	Metrics       *metrics.Metrics // nil: the server makes its own
	MetricsToken  string           // a bearer token that may read /metrics from anywhere; without it only loopback may
	CatalogMaxAge time.Duration    // how old a cached public catalog answer may be; 0: 1 s; negative: not cached
}

// The admission defaults. A request in line waits up to DefaultShedWait
// for a slot, as long as CoDel's interval: the lanes commit applications
// in batches, so slots free in bursts some tens of milliseconds apart, and
// a line of a few hundred parents moves in under 100 ms. With the 50 ms
// this was, a parent at the back of such a line was refused, though the
// server would have answered in time, and came back a whole second later
// (Retry-After is counted in seconds); in the rush of 1,000 clients that
// was some hundreds of parents a run and a second on the run's end. The
// target, time in line included, is the p99 the rush is held to.
const (
	DefaultShedWait      = 100 * time.Millisecond
	DefaultLatencyTarget = 250 * time.Millisecond
)

// Server holds the dependencies of the handlers.
type Server struct {
	cfg   Config
	auth  *auth.Service
	svc   *service.Service
	log   *slog.Logger
	pages *template.Template
	mux   *http.ServeMux
	gate  *admission.Gate
	probe *writeProbe // /readyz's write
	// catalog keeps the catalog's answers to visitors not signed in; nil: off.
	catalog *pagecache.Cache
	// patterns are the routes' patterns, for the tests that check every route.
	patterns []string
}

// New builds the server and its routes.
func New(cfg Config, authSvc *auth.Service, svc *service.Service, log *slog.Logger) (*Server, error) {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = 512
	}
	if cfg.ShedWait == 0 {
		cfg.ShedWait = DefaultShedWait
	}
	if cfg.LatencyTarget == 0 {
		cfg.LatencyTarget = DefaultLatencyTarget
	}
	if cfg.Metrics == nil {
		cfg.Metrics = metrics.New(svc)
	}
	s := &Server{cfg: cfg, auth: authSvc, svc: svc, log: log, mux: http.NewServeMux(),
		gate:  admission.New(admission.Config{Max: cfg.MaxInFlight, Wait: cfg.ShedWait, Target: max(cfg.LatencyTarget, 0)}),
		probe: newWriteProbe(svc, log, time.Second)}
	cfg.Metrics.Admission(func() (int, int, int) {
		st := s.gate.Stats()
		return st.Limit, st.InFlight, st.Waiting
	})
	if cfg.CatalogMaxAge >= 0 {
		s.catalog = pagecache.New(pagecache.Config{MaxAge: cfg.CatalogMaxAge, Observe: cfg.Metrics.PageCache})
	}
	pages, err := parsePages(s.directionName)
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.routes()
	return s, nil
}

// Admission tells what the admission gate has done: its limit now and
// how far it has moved, the requests refused.
func (s *Server) Admission() admission.Stats { return s.gate.Stats() }

// Handler returns the server's handler with its middleware.
func (s *Server) Handler() http.Handler {
	var h http.Handler = notePattern(s.mux)
	h = s.authenticate(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.limitBody(h)
	h = securityHeaders(h)
	h = s.shed(s.gate, s.cfg.Metrics.Shed, h)
	h = s.fromCache(h)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	h = withRequestID(h)
	return h
}
