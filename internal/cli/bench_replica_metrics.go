package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

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
		sr := serverReplicas{server: s.Name, primary: int64(series[`navigator_db_catalog_reads_total{served_by="primary"}`])}
		up := labelled(series, "navigator_db_replica_up", "replica")
		used := labelled(series, "navigator_db_replica_used", "replica")
		lag := labelled(series, "navigator_db_replica_lag_seconds", "replica")
		reads := labelled(series, "navigator_db_catalog_reads_total", "served_by")
		for _, name := range slices.Sorted(maps.Keys(up)) {
			sr.replicas = append(sr.replicas, replicaSeen{name: name, up: up[name] == 1, used: used[name] == 1,
				lag: lag[name], reads: int64(reads[name])})
		}
		out = append(out, sr)
	}
	return out, nil
}

// scrapeMetrics reads Prometheus' text format into series → value.
func scrapeMetrics(ctx context.Context, client *http.Client, url string) (map[string]float64, error) {
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
	series := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("line %q: %w", line, err)
		}
		series[line[:i]] = v
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return series, nil
}

// labelled are the series of metric with the one label given, by the
// label's value.
func labelled(series map[string]float64, metric, label string) map[string]float64 {
	out := map[string]float64{}
	prefix := metric + "{" + label + `="`
	for k, v := range series {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if value, ok := strings.CutSuffix(rest, `"}`); ok {
				out[value] = v
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
