package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"navigator"
	"navigator/internal/demo"
	"navigator/internal/password"
	"navigator/internal/ru"
	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
)

// benchCatalog is `navigator bench catalog`: the opening morning's reads —
// the home page, the catalog with filters, a search by a word form, a
// program's page and the API's list — on a synthetic catalog, through
// the real HTTP stack, against a trivial handler in the same run.
func benchCatalog(ctx context.Context, args []string, s stdio) error {
	fs := newFlags("bench catalog", s)
	dbURL := fs.String("db", "", "an empty database (or one holding the demo region): sqlite:PATH or postgres://…; default: a temporary SQLite file")
	programs := fs.Int("programs", 50_000, "published programs in the synthetic catalog")
	clientList := fs.String("clients", "100,1000", "simultaneous HTTP clients, comma-separated")
	runs := fs.Int("runs", 3, "runs of every measurement; the figures are their medians")
	each := fs.Duration("each", 2*time.Second, "how long each measurement lasts")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurements to this file (go tool pprof)")
	servers := fs.Int("servers", 0, "measure through HAProxy in front of this many `navigator serve` processes and, in the same run, in front of one; needs --db postgres://… and Debian's haproxy")
	var replicas urlList
	fs.Var(&replicas, "replica", "with --servers: a streaming replica of --db that each of the servers reads the catalog from (--db-replica); the one server they are compared with runs on the primary alone; repeat for more")
	if err := parse(fs, args, s); err != nil {
		return err
	}
	if err := validateFleet("bench catalog", *servers, *dbURL, replicas); err != nil {
		return err
	}
	if *servers > 0 && *cpuProfile != "" {
		return usageError{"bench catalog: --cpuprofile profiles this process, and with --servers the servers are other processes"}
	}
	clients, err := parseClients(*clientList)
	if err != nil {
		return usageError{"bench catalog: " + err.Error()}
	}
	if *programs < 1 || *programs > 1_000_000 || *runs < 1 || *runs > 20 || *each < 200*time.Millisecond {
		return usageError{"bench catalog: --programs must be from 1 to 1000000, --runs from 1 to 20, --each at least 200ms"}
	}
	if *dbURL == "" {
		dir, err := os.MkdirTemp("", "navigator-catalog-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dbURL = "sqlite:" + filepath.Join(dir, "catalog.db")
	}
	secretText := secret.Token() + secret.Token()
	keys, err := secret.New(secretText)
	if err != nil {
		return err
	}
	st, err := (&dbConfig{url: *dbURL}).open(ctx, keys)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	if err := catalogRegion(ctx, st, keys, *programs); err != nil {
		return fmt.Errorf("bench catalog: %w", err)
	}
	svc := service.New(service.Deps{DB: st, Keys: keys})
	reads, err := catalogReads(ctx, svc)
	if err != nil {
		return fmt.Errorf("bench catalog: %w", err)
	}
	fmt.Fprintf(s.out, "Каталог готов за %s: %s, база %s; %s по %s, медианы.\n",
		time.Since(start).Round(time.Millisecond), ru.Count(*programs, "программа", "программы", "программ"), st.Engine(),
		ru.Count(*runs, "прогон", "прогона", "прогонов"), *each)
	if *servers > 0 {
		return benchCatalogServers(ctx, s, st, reads, catalogServers{fleet: fleetConfig{n: *servers, replicas: replicas, secret: secretText,
			db: *dbURL}, clients: clients, runs: *runs, each: *each})
	}
	sv, err := rush.Serve(st, keys, svc, server.Config{})
	if err != nil {
		return err
	}
	defer sv.Stop()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var table []rush.ReadFigures
	for _, c := range clients {
		for _, r := range reads {
			// Warm the caches and the connections, as the morning does.
			if _, err := rush.Browse(ctx, sv.Base, r, c, *each/4); err != nil {
				return fmt.Errorf("bench catalog: %s: %w", r.Name, err)
			}
			var all []rush.ReadFigures
			for range *runs {
				f, err := measureRead(ctx, sv.Base, r, c, *each)
				if err != nil {
					return fmt.Errorf("bench catalog: %w", err)
				}
				all = append(all, f)
			}
			table = append(table, rush.MedianReads(all))
		}
	}
	printReads(s.out, table)
	return nil
}

// measureRead measures the trivial handler for half of d, then the read
// for d, through base.
func measureRead(ctx context.Context, base string, r rush.Reads, clients int, d time.Duration) (rush.ReadFigures, error) {
	trivial, err := rush.Trivial(ctx, base, clients, d/2)
	if err != nil {
		return rush.ReadFigures{}, fmt.Errorf("trivial: %w", err)
	}
	f, err := rush.Browse(ctx, base, r, clients, d)
	if err != nil {
		return rush.ReadFigures{}, fmt.Errorf("%s: %w", r.Name, err)
	}
	f.Trivial = trivial
	return f, nil
}

func parseClients(list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 10_000 {
			return nil, fmt.Errorf("--clients: %q is not a number of clients from 1 to 10000", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// catalogRegion seeds the demo region into an empty database and grows
// its catalog to n published programs.
func catalogRegion(ctx context.Context, st *store.DB, keys *secret.Keys, n int) error {
	empty, err := st.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if empty {
		if _, err := store.Demo(st).Seed(ctx, demo.Generate(), keys, password.Hash, secret.Token()); err != nil {
			return err
		}
	} else if isDemo, err := st.IsDemo(ctx); err != nil || !isDemo {
		return fmt.Errorf("the database holds a region that is not the demo one: give an empty database")
	}
	return store.Synthetic(st).GrowCatalog(ctx, n)
}

// catalogReads are the paths of each kind of read, spread over the
// catalog's directions, municipalities and programs.
func catalogReads(ctx context.Context, svc *service.Service) ([]rush.Reads, error) {
	muns, err := svc.PublicMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	dirs, err := svc.PublicDirections(ctx)
	if err != nil {
		return nil, err
	}
	first, err := svc.ListPrograms(ctx, navigator.ProgramFilter{PerPage: 100, Sort: navigator.SortNewest})
	if err != nil {
		return nil, err
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	var ids []int64
	pages := max(first.Total/100, 1)
	for range 20 {
		p, err := svc.ListPrograms(ctx, navigator.ProgramFilter{Page: 1 + rnd.IntN(pages), PerPage: 100, Sort: navigator.SortNewest})
		if err != nil {
			return nil, err
		}
		for _, pr := range p.Items {
			if rnd.IntN(10) == 0 {
				ids = append(ids, pr.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no published programs")
	}
	var filters, api, programs []string
	for i := range 60 {
		d, m := dirs[rnd.IntN(len(dirs))], muns[rnd.IntN(len(muns))]
		q := url.Values{"direction": {d.Code}, "municipality_id": {strconv.FormatInt(m.ID, 10)}}
		if i%2 == 0 {
			q.Set("age", strconv.Itoa(5+rnd.IntN(13)))
		}
		if i%3 == 0 {
			q.Set("page", "2")
		}
		filters = append(filters, "/programs?"+q.Encode())
		api = append(api, "/api/v1/programs?"+url.Values{"direction": {d.Code}, "page": {strconv.Itoa(1 + rnd.IntN(5))}}.Encode())
	}
	for _, id := range ids {
		programs = append(programs, "/programs/"+strconv.FormatInt(id, 10))
	}
	var search []string
	for _, w := range []string{"рисованию", "шахматам", "робототехнике", "футболу", "вокалу", "программированию", "краеведению", "английскому", "танцам", "плаванию"} {
		search = append(search, "/programs?q="+url.QueryEscape(w))
	}
	return []rush.Reads{
		{Name: "главная", Paths: []string{"/"}},
		{Name: "каталог с фильтрами", Paths: filters},
		{Name: "поиск по словоформе", Paths: search},
		{Name: "страница программы", Paths: programs},
		{Name: "API: список программ", Paths: api},
	}, nil
}
