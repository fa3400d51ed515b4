// Package metrics is what the server tells Prometheus at /metrics:
// requests and their latency by route, shed requests, background jobs,
// and, read from the database at each scrape, seats, applications and
// certificates. Nothing in it identifies a person.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"navigator/internal/store"
)

// Metrics holds one server's registry; there is no global one.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	shed     prometheus.Counter
	jobRuns  *prometheus.CounterVec
	jobTime  *prometheus.HistogramVec
	changed  *prometheus.CounterVec
	cache    *prometheus.CounterVec
}

// Source gives the region's aggregate figures.
type Source interface {
	Figures(ctx context.Context) (*store.Figures, error)
}

// New makes the metrics; db, when not nil, is read at every scrape.
func New(db Source) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "navigator_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code."}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "navigator_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"route"}),
		shed: prometheus.NewCounter(prometheus.CounterOpts{Name: "navigator_http_shed_total",
			Help: "Requests refused with 503 because the server was at its limit."}),
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "navigator_job_runs_total",
			Help: "Background job runs by job and result (ok, error)."}, []string{"job", "result"}),
		jobTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "navigator_job_duration_seconds",
			Help: "Time of one background job run.", Buckets: prometheus.ExponentialBuckets(0.001, 4, 10)}, []string{"job"}),
		changed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "navigator_job_changed_total",
			Help: "Rows a background job changed (letters sent, months charged, …)."}, []string{"job"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "navigator_page_cache_total",
			Help: "Public catalog requests by how the page cache served them (hit, stale, render, pass)."}, []string{"result"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.shed, m.jobRuns, m.jobTime, m.changed, m.cache,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.reg.MustRegister(&dbCollector{db: db})
		if rs, ok := db.(ReplicaSource); ok {
			m.reg.MustRegister(&replicaCollector{src: rs})
		}
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, Timeout: 10 * time.Second})
}

// Request records an answered request.
func (m *Metrics) Request(route, method string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// PageCache records how the page cache served a request.
func (m *Metrics) PageCache(result string) { m.cache.WithLabelValues(result).Inc() }

// Shed records a request refused with 503.
func (m *Metrics) Shed() { m.shed.Inc() }

// Admission shows the admission gate: how many requests it lets in at
// once now, how many are in and how many wait. A second gate on the same
// metrics is not shown.
func (m *Metrics) Admission(stats func() (limit, inFlight, waiting int)) {
	gauge := func(name, help string, pick func(limit, inFlight, waiting int) int) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			return float64(pick(stats()))
		})
	}
	for _, c := range []prometheus.Collector{
		gauge("navigator_http_admission_limit", "Requests the server serves at once now; it adapts to keep the latency target.",
			func(l, _, _ int) int { return l }),
		gauge("navigator_http_in_flight", "Requests being served.", func(_, n, _ int) int { return n }),
		gauge("navigator_http_waiting", "Requests waiting for a free slot.", func(_, _, w int) int { return w }),
	} {
		_ = m.reg.Register(c) // already registered: the first gate is shown
	}
}

// Job records one run of a background job.
func (m *Metrics) Job(name string, changed int64, err error, d time.Duration) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.jobRuns.WithLabelValues(name, result).Inc()
	m.jobTime.WithLabelValues(name).Observe(d.Seconds())
	if changed > 0 {
		m.changed.WithLabelValues(name).Add(float64(changed))
	}
}

// dbCollector reads the region's figures at scrape time.
type dbCollector struct{ db Source }

var (
	descSeats        = prometheus.NewDesc("navigator_group_seats", "Seats of accepting groups of published programs, by state (capacity, taken).", []string{"state"}, nil)
	descApplications = prometheus.NewDesc("navigator_applications", "Applications by status.", []string{"status"}, nil)
	descCertificates = prometheus.NewDesc("navigator_certificates", "Certificates by type and status.", []string{"type", "status"}, nil)
	descOutbox       = prometheus.NewDesc("navigator_mail_outbox", "Letters waiting to be sent.", nil, nil)
	descScrapeError  = prometheus.NewDesc("navigator_db_scrape_error", "1 when the database figures could not be read.", nil, nil)
)

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descSeats, descApplications, descCertificates, descOutbox, descScrapeError} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	f, err := c.db.Figures(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(descScrapeError, prometheus.GaugeValue, 1)
		return
	}
	ch <- prometheus.MustNewConstMetric(descScrapeError, prometheus.GaugeValue, 0)
	ch <- prometheus.MustNewConstMetric(descSeats, prometheus.GaugeValue, float64(f.Capacity), "capacity")
	ch <- prometheus.MustNewConstMetric(descSeats, prometheus.GaugeValue, float64(f.SeatsTaken), "taken")
	for status, n := range f.Applications {
		ch <- prometheus.MustNewConstMetric(descApplications, prometheus.GaugeValue, float64(n), status)
	}
	for k, n := range f.Certificates {
		ch <- prometheus.MustNewConstMetric(descCertificates, prometheus.GaugeValue, float64(n), k[0], k[1])
	}
	ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(f.Outbox))
}
