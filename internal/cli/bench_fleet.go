package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"navigator/internal/cluster"
	"navigator/internal/ru"
	"navigator/internal/store"
)

// fleetConfig is what the benches of several servers start: n servers on
// the database at db, each reading the catalog from the replicas when
// there are any.
type fleetConfig struct {
	n        int
	db       string
	secret   string   // the installation secret of the region, for every server
	replicas []string // --db-replica of each of the n
	args     []string // more flags of every server
	maxConn  int      // of each balancer
}

// fleet is the servers of a bench through HAProxy: n behind one balancer
// and one behind another, the baseline the n are compared with. Without
// replicas the baseline is the first of the n; with them it is a server
// of its own on the primary alone, so that the ratio compares n servers
// with their replicas against one server as it runs without any.
type fleet struct {
	all      *cluster.Cluster
	base     *cluster.Server // the baseline's own server; nil: all's first
	one      *cluster.Balancer
	dir      string
	replicas int
	conns    int // each server's connections to the primary at most
}

// startFleet starts the servers and both balancers; on failure whatever
// started is stopped.
func startFleet(ctx context.Context, c fleetConfig) (*fleet, error) {
	hap, err := cluster.FindHAProxy()
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("the navigator binary: %w", err)
	}
	dir, err := os.MkdirTemp("", "navigator-servers-")
	if err != nil {
		return nil, fmt.Errorf("servers' folder: %w", err)
	}
	procs := c.n
	if len(c.replicas) > 0 {
		procs++
	}
	// The servers share PostgreSQL's max_connections (100 by default)
	// with the bench and whatever else uses the database server: a share
	// each, however many they are.
	f := &fleet{dir: dir, replicas: len(c.replicas), conns: max(4, 48/procs)}
	args := append([]string{"--db-conns", strconv.Itoa(f.conns)}, c.args...)
	allArgs := slices.Clone(args)
	for _, r := range c.replicas {
		allArgs = append(allArgs, "--db-replica", r)
	}
	f.all, err = cluster.Start(ctx, cluster.Config{Binary: self, HAProxy: hap, DB: c.db, Secret: c.secret,
		Dir: filepath.Join(dir, "all"), Servers: c.n, Args: allArgs, MaxConn: c.maxConn})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	first := f.all.Servers[:1]
	if len(c.replicas) > 0 {
		f.base, err = cluster.StartServer(ctx, "base", cluster.ServerConfig{Binary: self, DB: c.db, Secret: c.secret,
			Dir: filepath.Join(dir, "base"), Args: args})
		if err != nil {
			f.stop()
			return nil, err
		}
		first = []*cluster.Server{f.base}
	}
	if f.one, err = cluster.StartBalancer(ctx, hap, filepath.Join(dir, "one"), first, c.maxConn); err != nil {
		f.stop()
		return nil, err
	}
	return f, nil
}

// stop stops the balancers and the servers and removes their folder; it
// returns the first server that did not end cleanly. It may be called
// again.
func (f *fleet) stop() error {
	if f.one != nil {
		f.one.Stop()
	}
	var err error
	if f.base != nil {
		err = f.base.Stop()
	}
	if f.all != nil {
		if aerr := f.all.Stop(); err == nil {
			err = aerr
		}
	}
	if rerr := os.RemoveAll(f.dir); err == nil {
		err = rerr
	}
	return err
}

// lastErrors are the servers' last logged errors, for a failed request.
func (f *fleet) lastErrors() string {
	servers := f.all.Servers
	if f.base != nil {
		servers = append(slices.Clone(servers), f.base)
	}
	return cluster.LastErrors(servers, 3)
}

// labels name the two sides in the report: «1 сервер» and «3 сервера»,
// or with replicas «1 сервер без реплики» and «3 сервера с репликой».
func (f *fleet) labels() (one, all string) {
	one, all = "1 сервер", serversLabel(f.all.Servers)
	switch {
	case f.replicas == 1:
		return one + " без реплики", all + " с репликой"
	case f.replicas > 1:
		return one + " без реплик", all + " с " + ru.Count(f.replicas, "репликой", "репликами", "репликами")
	}
	return one, all
}

func serversLabel(s []*cluster.Server) string {
	return ru.Count(len(s), "сервер", "сервера", "серверов")
}

// printStarted says what runs and how long it took to start.
func (f *fleet) printStarted(w io.Writer, took time.Duration) {
	what := serversLabel(f.all.Servers) + " и два HAProxy (перед одним и перед всеми)"
	if f.base != nil {
		one, all := f.labels()
		what = all + ", ещё " + one + " и два HAProxy (перед ним и перед остальными)"
	}
	fmt.Fprintf(w, "%s запущены за %s; у каждого сервера до %s с основной базой.\n",
		what, took.Round(time.Millisecond), ru.Count(f.conns, "соединения", "соединений", "соединений"))
}

// waitReplicas waits until the replicas have replayed what the bench
// wrote on the primary, so that the servers read the whole region from
// readyFleet starts the servers of a bench once the replicas have what
// the bench wrote to the primary, leaving this process only a few of the
// database's connections, and says so.
func readyFleet(ctx context.Context, s stdio, st *store.DB, c fleetConfig) (*fleet, error) {
	if len(c.replicas) > 0 {
		if err := waitReplicas(ctx, s.out, st, c.replicas); err != nil {
			return nil, err
		}
	}
	st.LimitConns(4)
	start := time.Now()
	fl, err := startFleet(ctx, c)
	if err != nil {
		return nil, err
	}
	fl.printStarted(s.out, time.Since(start))
	return fl, nil
}

// them from the first request, and says how long it took.
func waitReplicas(ctx context.Context, w io.Writer, st *store.DB, replicas []string) error {
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := st.WaitReplayed(wctx, replicas); err != nil {
		return fmt.Errorf("waiting for the replicas: %w", err)
	}
	took := ru.Decimal(time.Since(start).Seconds(), 1)
	if len(replicas) == 1 {
		fmt.Fprintf(w, "Реплика догнала основную базу за %s с; серверы читают каталог с неё (--db-replica).\n", took)
	} else {
		fmt.Fprintf(w, "%s догнали основную базу за %s с; серверы читают каталог с них (--db-replica).\n",
			ru.Count(len(replicas), "реплика", "реплики", "реплик"), took)
	}
	return nil
}
