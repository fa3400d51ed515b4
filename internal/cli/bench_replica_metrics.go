package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"navigator/internal/cluster"
	"navigator/internal/ru"
)

// replicaSeen is what a server's /metrics says of one of its replicas.
type replicaSeen struct {
	name     string // host:port
	up, used bool
	lag      float64 // seconds
	reads    int64   // catalog reads it served
}

// serverReplicas is one server's replicas and the catalog reads its
// primary served.
type serverReplicas struct {
	server   string
	replicas []replicaSeen
	primary  int64
}

// scrapeReplicas reads each server's /metrics (the bench is on loopback,
// which may read them without a token).
func scrapeReplicas(ctx context.Context, servers []*cluster.Server) ([]serverReplicas, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	var out []serverReplicas
	for _, s := range servers {
		series, err := scrapeMetrics(ctx, client, s.URL()+"/metrics")
		if err != nil {
			return nil, fmt.Errorf("/metrics of %s: %w", s.Name, err)
		}
		reads := labelled(series, "navigator_db_catalog_reads_total", "served_by")
		sr := serverReplicas{server: s.Name, primary: int64(reads["primary"])}
		up := labelled(series, "navigator_db_replica_up", "replica")
		used := labelled(series, "navigator_db_replica_used", "replica")
		lag := labelled(series, "navigator_db_replica_lag_seconds", "replica")
		for _, name := range slices.Sorted(maps.Keys(up)) {
			sr.replicas = append(sr.replicas, replicaSeen{name: name, up: up[name] == 1, used: used[name] == 1,
				lag: lag[name], reads: int64(reads[name])})
		}
		out = append(out, sr)
	}
	return out, nil
}

// scrapeMetrics reads a server's /metrics with Prometheus' own parser of
// its text format.
func scrapeMetrics(ctx context.Context, client *http.Client, url string) (map[string]*dto.MetricFamily, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(resp.Body)
}

// labelled are the values of metric's series by the value of label.
func labelled(families map[string]*dto.MetricFamily, metric, label string) map[string]float64 {
	out := map[string]float64{}
	for _, m := range families[metric].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == label {
				out[l.GetValue()] = m.GetGauge().GetValue() + m.GetCounter().GetValue() + m.GetUntyped().GetValue()
			}
		}
	}
	return out
}

// printReplicaUse writes what each server says of its replicas and how
// many catalog reads they and the primary served.
func printReplicaUse(w io.Writer, servers []serverReplicas) {
	fmt.Fprintln(w, "Реплики по /metrics серверов:")
	var fromReplicas, fromPrimary int64
	for _, s := range servers {
		parts := []string{"реплик нет"}
		if len(s.replicas) > 0 {
			parts = nil
		}
		for _, r := range s.replicas {
			parts = append(parts, fmt.Sprintf("реплика %s %s, отстаёт на %s с, %s, чтений каталога с неё %d", r.name,
				choose(r.up, "доступна", "недоступна"), ru.Decimal(r.lag, 2), choose(r.used, "используется", "пропускается"), r.reads))
			fromReplicas += r.reads
		}
		fromPrimary += s.primary
		fmt.Fprintf(w, "  %s: %s; с основной базы %d\n", s.server, strings.Join(parts, "; "), s.primary)
	}
	fmt.Fprintf(w, "Всего чтений каталога: с реплик %d, с основной базы %d.\n", fromReplicas, fromPrimary)
}

func choose(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
