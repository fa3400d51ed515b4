package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"navigator/internal/cluster"
	"navigator/internal/ru"
	"navigator/internal/rush"
	"navigator/internal/store"
)

// serversBench is `navigator bench rush --servers N`.
type serversBench struct {
	n        int
	secret   string // the installation secret of the region, for every server
	url      string
	clients  int
	runs     int
	baseline time.Duration
	warm     bool
	adm      admissionFlags
}

// benchServers runs the rush through HAProxy, alternately in front of one
// server and of all N, on the same region and the same database, so that
// the ratio of the two compares like with like: the same balancer in the
// path, the same machine, the same minute.
func benchServers(ctx context.Context, s stdio, st *store.DB, region *rush.Region, b serversBench) error {
	hap, err := cluster.FindHAProxy()
	if err != nil {
		return fmt.Errorf("bench rush --servers: %w", err)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench rush --servers: %w", err)
	}
	dir, err := os.MkdirTemp("", "navigator-servers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// The servers share PostgreSQL's max_connections (100 by default)
	// with this process and whatever else uses the database server: a
	// share each, however many they are.
	conns := max(4, 48/b.n)
	st.LimitConns(4)
	args := []string{"--db-conns", strconv.Itoa(conns),
		"--max-in-flight", strconv.Itoa(b.adm.maxInFlight), "--shed-wait", b.adm.shedWait.String(), "--latency-target", b.adm.target.String()}
	start := time.Now()
	maxConn := 2*b.clients + 100
	cl, err := cluster.Start(ctx, cluster.Config{Binary: self, HAProxy: hap, DB: b.url, Secret: b.secret, Dir: dir,
		Servers: b.n, Args: args, MaxConn: maxConn})
	if err != nil {
		return fmt.Errorf("bench rush --servers: %w", err)
	}
	defer cl.Stop()
	one, err := cluster.StartBalancer(ctx, hap, filepath.Join(dir, "one"), cl.Servers[:1], maxConn)
	if err != nil {
		return fmt.Errorf("bench rush --servers: %w", err)
	}
	defer one.Stop()
	fmt.Fprintf(s.out, "%s и два HAProxy (перед одним и перед всеми) запущены за %s; у каждого сервера до %d соединений с базой.\n",
		ru.Count(b.n, "сервер", "сервера", "серверов"), time.Since(start).Round(time.Millisecond), conns)
	label := func(n int) string { return ru.Count(n, "сервер", "сервера", "серверов") }
	var single, all []*rush.Figures
	for i := range b.runs {
		for _, side := range []struct {
			n    int
			base string
			into *[]*rush.Figures
		}{{1, one.URL(), &single}, {b.n, cl.URL(), &all}} {
			if err := store.Synthetic(st).ClearApplications(ctx, region.Groups); err != nil {
				return err
			}
			f, err := rush.MeasureAt(ctx, st, side.base, region, b.clients, b.baseline, b.warm)
			if err != nil {
				return fmt.Errorf("bench rush: run %d, %s: %w; the servers' last errors:\n%s", i+1, label(side.n), err, cl.LastErrors(3))
			}
			rush.Print(s.out, fmt.Sprintf("прогон %d, %s за HAProxy", i+1, label(side.n)), f)
			*side.into = append(*side.into, f)
		}
	}
	m1, mn := rush.Median(single), rush.Median(all)
	rush.Print(s.out, fmt.Sprintf("медиана %d прогонов, 1 сервер", len(single)), m1)
	rush.Print(s.out, fmt.Sprintf("медиана %d прогонов, %s", len(all), label(b.n)), mn)
	fmt.Fprintf(s.out, "%s / 1 сервер: заявок/с %s (%.0f против %.0f), p99 ответа %s\n", label(b.n),
		ru.Decimal(mn.Rate/m1.Rate, 2), mn.Rate, m1.Rate, ru.Decimal(float64(mn.P99)/float64(max(m1.P99, 1)), 2))
	for _, m := range []*rush.Figures{m1, mn} {
		if m.Overbooked > 0 || m.Violations > 0 {
			return fmt.Errorf("bench rush: %d overbooked groups, %d order violations", m.Overbooked, m.Violations)
		}
	}
	return cl.Stop()
}
