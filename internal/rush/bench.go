package rush

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/pprof"
	"slices"
	"time"

	"navigator/internal/admission"
	"navigator/internal/auth"
	"navigator/internal/ru"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
)

// Figures are one run's measurements.
type Figures struct {
	Rate          float64       // applications answered per second
	P50, P95, P99 time.Duration // the server's answer to the requests it accepted
	TotalP99      time.Duration // a family's first try to its 201, through 503s and retries
	Created       int
	Pending       int
	Waitlisted    int
	Shed          int
	Failed        int
	Overbooked    int     // groups holding more than their capacity, or whose counter disagrees with their applications
	Violations    int     // seat holders that arrived after someone who still waits
	CommitRate    float64 // minimal seat commits per second on one connection
	SpreadRate    float64 // the same from SpreadWorkers connections on distinct groups; PostgreSQL only (SQLite has one writer)
	TrivialRate   float64
	// The rate's ratios to the baselines of the same run. The medians of
	// several runs are the medians of the runs' ratios, not the ratio of
	// the medians: each run's rush is compared with what the machine gave
	// its baselines at that moment.
	ToCommit, ToSpread, ToTrivial float64
	CPUPerApp                     time.Duration   // the process's processor time during the rush per application answered 201
	Gate                          admission.Stats // the server's admission gate after the run
	Lanes                         store.LaneStats // the group commits of the run
}

// Served is the real server running on a loopback port.
type Served struct {
	Base   string // http://127.0.0.1:port
	Server *server.Server
	Stop   func()
}

// Serve starts the real server on a loopback port.
func Serve(db *store.DB, keys *secret.Keys, svc *service.Service, cfg server.Config) (*Served, error) {
	srv, err := server.New(cfg, auth.New(db, keys, nil), svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	return &Served{Base: "http://" + ln.Addr().String(), Server: srv, Stop: func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}}, nil
}

// Measure runs the baselines and one rush on a built region and checks
// what the rush left. With warm, the families open their cabinets
// before the rush (Open); without, the rush is each session's first
// request. A profile, when not nil, receives the CPU profile of the rush
// alone: the baselines and the cabinets would otherwise hide where the
// processor goes per application.
func Measure(ctx context.Context, db *store.DB, sv *Served, r *Region, clients int, baseline time.Duration, warm bool, profile io.Writer) (*Figures, error) {
	var profErr error
	f, err := measure(ctx, db, sv.Base, r, clients, baseline, warm, func() func(*Figures) {
		if profile != nil {
			if profErr = pprof.StartCPUProfile(profile); profErr != nil {
				profile = nil
			}
		}
		lanes, cpu := db.LaneStats(), processCPU()
		return func(f *Figures) {
			if profile != nil {
				pprof.StopCPUProfile()
			}
			if used := processCPU() - cpu; used > 0 && f.Created > 0 {
				f.CPUPerApp = used / time.Duration(f.Created)
			}
			after := db.LaneStats()
			f.Lanes = store.LaneStats{Batches: after.Batches - lanes.Batches, Items: after.Items - lanes.Items, Piped: after.Piped - lanes.Piped}
			f.Gate = sv.Server.Admission()
		}
	})
	if profErr != nil {
		return nil, fmt.Errorf("cpu profile: %w", profErr)
	}
	return f, err
}

// MeasureAt is Measure through base: servers in other processes, or the
// load balancer in front of them. What only a server in this process can
// tell (its gate, its group commits, its processor time) stays zero.
func MeasureAt(ctx context.Context, db *store.DB, base string, r *Region, clients int, baseline time.Duration, warm bool) (*Figures, error) {
	return measure(ctx, db, base, r, clients, baseline, warm, nil)
}

// measure is Measure; around, when not nil, is called just before the
// rush and what it returns just after, to add what it watched.
func measure(ctx context.Context, db *store.DB, base string, r *Region, clients int, baseline time.Duration, warm bool, around func() func(*Figures)) (*Figures, error) {
	f := &Figures{}
	var err error
	if f.CommitRate, err = store.Synthetic(db).CommitRate(ctx, r.Baseline, baseline); err != nil {
		return nil, err
	}
	if db.Engine() == store.Postgres {
		if f.SpreadRate, err = store.Synthetic(db).SpreadRate(ctx, r.Spread, baseline); err != nil {
			return nil, err
		}
	}
	if f.TrivialRate, err = Trivial(ctx, base, clients, baseline); err != nil {
		return nil, err
	}
	if warm {
		if err := Open(ctx, base, r, clients); err != nil {
			return nil, err
		}
	}
	var after func(*Figures)
	if around != nil {
		after = around()
	}
	res := Fire(ctx, base, r, clients, nil, nil)
	f.Rate, f.Created, f.Pending, f.Shed, f.Failed = res.Rate(), res.Created, res.Pending, res.Shed, res.Failed
	f.ToCommit, f.ToTrivial = f.Rate/f.CommitRate, f.Rate/f.TrivialRate
	if f.SpreadRate > 0 {
		f.ToSpread = f.Rate / f.SpreadRate
	}
	if after != nil {
		after(f)
	}
	f.Waitlisted = f.Created - f.Pending
	f.P50, f.P95, f.P99 = res.Percentile(50), res.Percentile(95), res.Percentile(99)
	f.TotalP99 = res.TotalPercentile(99)
	if res.FirstErr != nil {
		return f, fmt.Errorf("%d applications failed, the first: %w", res.Failed, res.FirstErr)
	}
	checks, err := store.Synthetic(db).CheckSeats(ctx, r.Groups)
	if err != nil {
		return nil, err
	}
	for _, c := range checks {
		if c.SeatsTaken > c.Capacity || c.Holding != c.SeatsTaken {
			f.Overbooked++
		}
		if c.OutOfOrder > 0 {
			f.Violations++
		}
	}
	return f, nil
}

// Median returns the medians of every figure, the worst counts of
// failures, the lanes' counts of all the runs together, and the gate of
// the first run.
func Median(runs []*Figures) *Figures {
	med := func(get func(*Figures) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = get(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	m := *runs[0]
	m.Rate = med(func(f *Figures) float64 { return f.Rate })
	m.P50 = time.Duration(med(func(f *Figures) float64 { return float64(f.P50) }))
	m.P95 = time.Duration(med(func(f *Figures) float64 { return float64(f.P95) }))
	m.P99 = time.Duration(med(func(f *Figures) float64 { return float64(f.P99) }))
	m.TotalP99 = time.Duration(med(func(f *Figures) float64 { return float64(f.TotalP99) }))
	m.CommitRate = med(func(f *Figures) float64 { return f.CommitRate })
	m.SpreadRate = med(func(f *Figures) float64 { return f.SpreadRate })
	m.TrivialRate = med(func(f *Figures) float64 { return f.TrivialRate })
	m.ToCommit = med(func(f *Figures) float64 { return f.ToCommit })
	m.ToSpread = med(func(f *Figures) float64 { return f.ToSpread })
	m.ToTrivial = med(func(f *Figures) float64 { return f.ToTrivial })
	m.CPUPerApp = time.Duration(med(func(f *Figures) float64 { return float64(f.CPUPerApp) }))
	m.Lanes = store.LaneStats{}
	for _, r := range runs {
		m.Lanes.Batches += r.Lanes.Batches
		m.Lanes.Items += r.Lanes.Items
		m.Lanes.Piped += r.Lanes.Piped
		m.Overbooked = max(m.Overbooked, r.Overbooked)
		m.Violations = max(m.Violations, r.Violations)
		m.Shed = max(m.Shed, r.Shed)
		m.Failed = max(m.Failed, r.Failed)
	}
	return &m
}

// Print writes the figures of one run, or the medians, as lines a person
// reads.
func Print(w io.Writer, label string, f *Figures) {
	fmt.Fprintf(w, "%s: %.0f заявок/с; ответ сервера p50 %s, p95 %s, p99 %s; от первой попытки до 201 p99 %s\n",
		label, f.Rate, ms(f.P50), ms(f.P95), ms(f.P99), ms(f.TotalP99))
	fmt.Fprintf(w, "  мест занято %d, в очереди %d; отказов 503 (повторены) %d, ошибок %d\n", f.Pending, f.Waitlisted, f.Shed, f.Failed)
	if f.Gate.Limit > 0 { // a server in this process
		fmt.Fprintf(w, "  одновременных запросов: предел сейчас %d (был от %d до %d, изменён %s); повторов пропущено вперёд: %d\n",
			f.Gate.Limit, f.Gate.LowestLimit, f.Gate.HighestLimit, ru.Count(int(f.Gate.LimitAdjustments), "раз", "раза", "раз"), f.Gate.RetriesFirst)
	}
	if l := f.Lanes; l.Batches > 0 {
		fmt.Fprintf(w, "  групповых коммитов %d, в среднем %s заявки на коммит; пакетным путём (конвейер PostgreSQL, многострочные записи SQLite) %.0f %%\n",
			l.Batches, ru.Decimal(float64(l.Items)/float64(l.Batches), 1), 100*float64(l.Piped)/float64(l.Batches))
	}
	if f.CPUPerApp > 0 {
		fmt.Fprintf(w, "  процессор: %d мкс на заявку (сервер и клиенты вместе)\n", f.CPUPerApp.Microseconds())
	}
	fmt.Fprintf(w, "  переполненных групп %d, нарушений очереди %d\n", f.Overbooked, f.Violations)
	fmt.Fprintf(w, "  база: %.0f коммитов/с (минимальная транзакция места), %.0f запросов/с (пустой обработчик); отношение: %s и %s\n",
		f.CommitRate, f.TrivialRate, ru.Decimal(f.ToCommit, 2), ru.Decimal(f.ToTrivial, 3))
	if f.SpreadRate > 0 {
		fmt.Fprintf(w, "  база из %d соединений по разным группам: %.0f коммитов/с; отношение: %s\n",
			SpreadWorkers, f.SpreadRate, ru.Decimal(f.ToSpread, 2))
	}
}

func ms(d time.Duration) string { return ru.Decimal(float64(d.Microseconds())/1000, 1) + " мс" }
