package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"navigator/internal/storetest"
)

// TestMetrics reads /metrics as Prometheus would: request counts by
// route, and the region's seats, applications and certificates as the
// database has them. A request that says it came through a proxy from
// elsewhere is refused.
func TestMetrics(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			for range 3 {
				e.do(t, "GET", "/api/v1/municipalities", "")
			}
			resp, body := e.do(t, "GET", "/metrics", "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("/metrics: %d %s", resp.StatusCode, body)
			}
			want := []string{
				`navigator_http_requests_total{code="200",method="GET",route="GET /api/v1/municipalities"} 3`,
				`navigator_http_request_duration_seconds_count{route="GET /api/v1/municipalities"} 3`,
				`navigator_db_scrape_error 0`,
				`navigator_http_admission_limit 128`, // a quarter of the default 512 until a crowd moves it
				`navigator_http_waiting 0`,
				`go_goroutines`,
			}
			for _, w := range want {
				if !regexp.MustCompile(regexp.QuoteMeta(w)).MatchString(body) {
					t.Errorf("/metrics lacks %s", w)
				}
			}
			f, err := e.db.Figures(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if f.Capacity == 0 || len(f.Certificates) == 0 {
				t.Fatalf("the demo region has no seats or certificates: %+v", f)
			}
			for _, c := range []struct {
				metric string
				want   int64
			}{
				{`navigator_group_seats{state="capacity"}`, f.Capacity},
				{`navigator_group_seats{state="taken"}`, f.SeatsTaken},
				{`navigator_mail_outbox`, f.Outbox},
			} {
				m := regexp.MustCompile(regexp.QuoteMeta(c.metric) + ` (\d+)`).FindStringSubmatch(body)
				if m == nil {
					t.Fatalf("/metrics lacks %s", c.metric)
				}
				if got, _ := strconv.ParseInt(m[1], 10, 64); got != c.want {
					t.Errorf("%s = %d, the database says %d", c.metric, got, c.want)
				}
			}
			for k, n := range f.Certificates {
				line := fmt.Sprintf(`navigator_certificates{status="%s",type="%s"} %d`, k[1], k[0], n)
				if !regexp.MustCompile(regexp.QuoteMeta(line)).MatchString(body) {
					t.Errorf("/metrics lacks %s", line)
				}
			}
			if resp, _ := e.do(t, "GET", "/metrics", "", "X-Forwarded-For", "203.0.113.9"); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("a proxied request from elsewhere read the metrics: %d", resp.StatusCode)
			}
		})
	}
}
