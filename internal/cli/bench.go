package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
)

func benchCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	switch {
	case len(args) > 0 && args[0] == "rush":
		return benchRush(ctx, args[1:], s)
	case len(args) > 0 && args[0] == "catalog":
		return benchCatalog(ctx, args[1:], s)
	}
	return usageError{"bench: use navigator bench rush [--db URL] [--families N] [--groups G] [--clients C] [--servers N [--replica URL]] or navigator bench catalog [--db URL] [--programs N] [--clients 100,1000] [--servers N [--replica URL]]"}
}

// benchRush is `navigator bench rush`: the morning enrolment opens, on a
// synthetic region in an empty database.
func benchRush(ctx context.Context, args []string, s stdio) error {
	fs := newFlags("bench rush", s)
	url := fs.String("db", "", "an EMPTY database for the synthetic region: sqlite:PATH or postgres://…; default: a temporary SQLite file")
	var cfg rush.Config
	fs.IntVar(&cfg.Families, "families", 5000, "families that apply, one child each")
	fs.IntVar(&cfg.Groups, "groups", 50, "groups they apply to")
	fs.IntVar(&cfg.Clients, "clients", 1000, "simultaneous HTTP clients")
	fs.BoolVar(&cfg.Single, "single", false, "every family goes for one popular group")
	fs.IntVar(&cfg.Seats, "seats", 0, "seats per group; 0: the groups seat 60 % of the families")
	runs := fs.Int("runs", 3, "runs of the rush; the figures are their medians")
	cold := fs.Bool("cold", false, "the rush is each session's first request; by default every family loads its cabinet once before it, as parents waiting for the opening do")
	baseline := fs.Duration("baseline", 2*time.Second, "how long each baseline is measured")
	var adm admissionFlags
	adm.register(fs)
	servers := fs.Int("servers", 0, "run the rush through HAProxy in front of this many `navigator serve` processes, and in the same run through one; needs --db postgres://… and Debian's haproxy")
	var replicas urlList
	fs.Var(&replicas, "replica", "with --servers: a streaming replica of --db that each of the servers reads the catalog from (--db-replica); the one server they are compared with runs without; repeat for more")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of each run's rush (not its baselines) to FILE, FILE.2, …; go tool pprof reads them together")
	if err := parse(fs, args, s); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return usageError{"bench rush: " + err.Error()}
	}
	if err := adm.validate(); err != nil {
		return usageError{"bench rush: " + err.Error()}
	}
	if *runs < 1 || *runs > 20 || *baseline < 100*time.Millisecond {
		return usageError{"bench rush: --runs must be from 1 to 20 and --baseline at least 100ms"}
	}
	if err := validateFleet("bench rush", *servers, *url, replicas); err != nil {
		return err
	}
	if *url == "" {
		dir, err := os.MkdirTemp("", "navigator-rush-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*url = "sqlite:" + filepath.Join(dir, "rush.db")
	}
	db := dbConfig{url: *url}
	secretText := secret.Token() + secret.Token()
	keys, err := secret.New(secretText)
	if err != nil {
		return err
	}
	st, err := db.open(ctx, keys)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := service.New(service.Deps{DB: st, Keys: keys})
	start := time.Now()
	region, err := rush.Build(ctx, st, keys, svc, cfg)
	if err != nil {
		return fmt.Errorf("bench rush: %w", err)
	}
	mode := "по группам"
	if cfg.Single {
		mode = "все в одну группу"
	}
	fmt.Fprintf(s.out, "Регион готов за %s: %d семей, %d групп по %d мест (%s), %d клиентов, база %s.\n",
		time.Since(start).Round(time.Millisecond), cfg.Families, cfg.Groups, region.Capacity, mode, cfg.Clients, st.Engine())
	if *servers > 0 {
		return benchServers(ctx, s, st, region, serversBench{fleet: fleetConfig{n: *servers, replicas: replicas, secret: secretText, db: *url}, clients: cfg.Clients,
			runs: *runs, baseline: *baseline, warm: !*cold, adm: adm})
	}
	sv, err := rush.Serve(st, keys, svc, adm.apply(server.Config{}))
	if err != nil {
		return err
	}
	defer sv.Stop()
	var all []*rush.Figures
	for i := range *runs {
		if i > 0 {
			if err := store.Synthetic(st).ClearApplications(ctx, region.Groups); err != nil {
				return err
			}
		}
		prof, err := runProfile(*cpuProfile, i)
		if err != nil {
			return err
		}
		var w io.Writer // a nil *os.File would be a writer that is not nil
		if prof != nil {
			w = prof
		}
		f, err := rush.Measure(ctx, st, sv, region, cfg.Clients, *baseline, !*cold, w)
		if prof != nil {
			if cerr := prof.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("cpu profile: %w", cerr)
			}
		}
		if err != nil {
			return fmt.Errorf("bench rush: run %d: %w", i+1, err)
		}
		rush.Print(s.out, fmt.Sprintf("прогон %d", i+1), f)
		all = append(all, f)
	}
	m := rush.Median(all)
	rush.Print(s.out, "медиана "+runsGenitive(len(all)), m)
	if m.Overbooked > 0 || m.Violations > 0 {
		return fmt.Errorf("bench rush: %d overbooked groups, %d order violations", m.Overbooked, m.Violations)
	}
	return nil
}

// runProfile creates the file of run i's CPU profile: path itself for the
// first run, path.2 and so on for the next; nil without a path.
func runProfile(path string, i int) (*os.File, error) {
	if path == "" {
		return nil, nil
	}
	if i > 0 {
		path = fmt.Sprintf("%s.%d", path, i+1)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return f, nil
}
