package cli

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"navigator/internal/ru"
	"navigator/internal/rush"
	"navigator/internal/store"
)

// serversBench is `navigator bench rush --servers N [--replica URL]`.
type serversBench struct {
	fleet    fleetConfig // the servers, their database and replicas
	clients  int
	runs     int
	baseline time.Duration
	warm     bool
	adm      admissionFlags
}

// benchServers runs the rush through HAProxy, alternately in front of one
// server and of all N, on the same region and the same database, so that
// the ratio of the two compares like with like: the same balancer in the
// path, the same machine, the same minute. With replicas the N read the
// catalog from them and the one is a server of its own without any.
func benchServers(ctx context.Context, s stdio, st *store.DB, region *rush.Region, b serversBench) error {
	b.fleet.maxConn = 2*b.clients + 100
	b.fleet.args = []string{"--max-in-flight", strconv.Itoa(b.adm.maxInFlight), "--shed-wait", b.adm.shedWait.String(), "--latency-target", b.adm.target.String()}
	fl, err := readyFleet(ctx, s, st, b.fleet)
	if err != nil {
		return fmt.Errorf("bench rush --servers: %w", err)
	}
	defer fl.stop()
	oneLabel, allLabel := fl.labels()
	var single, all []*rush.Figures
	for i := range b.runs {
		for _, side := range []struct {
			label string
			base  string
			into  *[]*rush.Figures
		}{{oneLabel, fl.one.URL(), &single}, {allLabel, fl.all.URL(), &all}} {
			if err := store.Synthetic(st).ClearApplications(ctx, region.Groups); err != nil {
				return err
			}
			f, err := rush.MeasureAt(ctx, st, side.base, region, b.clients, b.baseline, b.warm)
			if err != nil {
				return fmt.Errorf("bench rush: run %d, %s: %w; the servers' last errors:\n%s", i+1, side.label, err, fl.lastErrors())
			}
			rush.Print(s.out, fmt.Sprintf("прогон %d, %s за HAProxy", i+1, side.label), f)
			*side.into = append(*side.into, f)
		}
	}
	m1, mn := rush.Median(single), rush.Median(all)
	rush.Print(s.out, fmt.Sprintf("медиана %s, %s", runsGenitive(len(single)), oneLabel), m1)
	rush.Print(s.out, fmt.Sprintf("медиана %s, %s", runsGenitive(len(all)), allLabel), mn)
	fmt.Fprintf(s.out, "%s / %s: заявок/с %s (%.0f против %.0f), p99 ответа %s\n", allLabel, oneLabel,
		ru.Decimal(mn.Rate/m1.Rate, 2), mn.Rate, m1.Rate, ru.Decimal(float64(mn.P99)/float64(max(m1.P99, 1)), 2))
	if len(b.fleet.replicas) > 0 {
		seen, err := scrapeReplicas(ctx, fl.all.Servers)
		if err != nil {
			return fmt.Errorf("bench rush --servers: %w", err)
		}
		printReplicaUse(s.out, seen)
	}
	for _, m := range []*rush.Figures{m1, mn} {
		if m.Overbooked > 0 || m.Violations > 0 {
			return fmt.Errorf("bench rush: %d overbooked groups, %d order violations", m.Overbooked, m.Violations)
		}
	}
	return fl.stop()
}

// runsGenitive is «1 прогона», «3 прогонов»: after «медиана».
func runsGenitive(n int) string {
	return ru.Count(n, "прогона", "прогонов", "прогонов")
}
