package cli

import (
	"context"
	"fmt"
	"slices"
	"time"

	"navigator/internal/rush"
	"navigator/internal/store"
)

// catalogServers is `navigator bench catalog --servers N [--replica URL]`.
type catalogServers struct {
	fleet   fleetConfig // the servers, their database and replicas
	clients []int
	runs    int
	each    time.Duration
}

// benchCatalogServers measures the reads through HAProxy in front of N
// servers (reading the catalog from the replicas, when there are any) and
// in front of one server on the primary alone, the runs of the two taking
// turns, so that the ratio compares like with like: the same balancer in
// the path, the same machine, the same minute. The catalog is already in
// the primary; the replicas are waited for until they have it all.
func benchCatalogServers(ctx context.Context, s stdio, st *store.DB, reads []rush.Reads, b catalogServers) error {
	b.fleet.maxConn = 2*slices.Max(b.clients) + 100
	fl, err := readyFleet(ctx, s, st, b.fleet)
	if err != nil {
		return fmt.Errorf("bench catalog --servers: %w", err)
	}
	defer fl.stop()
	oneLabel, allLabel := fl.labels()
	var pairs []readPair
	for _, c := range b.clients {
		for _, r := range reads {
			var ones, alls []rush.ReadFigures
			sides := []struct {
				label string
				base  string
				into  *[]rush.ReadFigures
			}{{oneLabel, fl.one.URL(), &ones}, {allLabel, fl.all.URL(), &alls}}
			// Warm the caches and the connections, as the morning does.
			for _, side := range sides {
				if _, err := rush.Browse(ctx, side.base, r, c, b.each/4); err != nil {
					return fmt.Errorf("bench catalog: %s, %s: %w; the servers' last errors:\n%s", side.label, r.Name, err, fl.lastErrors())
				}
			}
			for i := range b.runs {
				for _, side := range sides {
					f, err := measureRead(ctx, side.base, r, c, b.each)
					if err != nil {
						return fmt.Errorf("bench catalog: run %d, %s: %w; the servers' last errors:\n%s", i+1, side.label, err, fl.lastErrors())
					}
					*side.into = append(*side.into, f)
				}
			}
			pairs = append(pairs, readPair{one: rush.MedianReads(ones), all: rush.MedianReads(alls)})
		}
	}
	printReadPairs(s.out, oneLabel, allLabel, pairs)
	if len(b.fleet.replicas) > 0 {
		seen, err := scrapeReplicas(ctx, fl.all.Servers)
		if err != nil {
			return fmt.Errorf("bench catalog --servers: %w", err)
		}
		printReplicaUse(s.out, seen)
	}
	return fl.stop()
}
