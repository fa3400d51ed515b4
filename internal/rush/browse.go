package rush

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Reads is one kind of page the parents load on the opening morning: its
// name and the paths the clients take turns on.
type Reads struct {
	Name  string
	Paths []string
}

// ReadFigures are the measurements of one kind of read at one number of
// clients.
type ReadFigures struct {
	Name          string
	Clients       int
	Rate          float64 // answers 200 (or 304) per second
	P50, P95, P99 time.Duration
	Bytes         int // the body bytes of an answer, on average, as sent (compressed when it was)
	Trivial       float64
	Shed          int // answers 503: the admission gate refused them
	Errors        int
}

// Ratio is the rate against the trivial handler's in the same run.
func (f ReadFigures) Ratio() float64 {
	if f.Trivial == 0 {
		return 0
	}
	return f.Rate / f.Trivial
}

// Browse loads the paths of r from clients connections for d, each as a
// browser does (gzip accepted), and measures the answers.
func Browse(ctx context.Context, base string, r Reads, clients int, d time.Duration) (ReadFigures, error) {
	if len(r.Paths) == 0 {
		return ReadFigures{}, fmt.Errorf("browse %s: no paths", r.Name)
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu       sync.Mutex
		lat      []time.Duration
		bytes    atomic.Int64
		ok, bad  atomic.Int64
		shed     atomic.Int64
		firstErr atomic.Value
		next     atomic.Int64
	)
	header := http.Header{"Accept-Encoding": {"gzip"}}
	start := time.Now()
	connErr := eachClient(ctx, base, clients, func(c *conn) error {
		reqs := make([][]byte, len(r.Paths))
		for i, p := range r.Paths {
			reqs[i] = c.request(http.MethodGet, p, header, nil)
		}
		var mine []time.Duration
		for ctx.Err() == nil {
			i := int(next.Add(1)) % len(reqs)
			t0 := time.Now()
			resp, err := c.do(reqs[i])
			if err != nil {
				if ctx.Err() == nil {
					firstErr.CompareAndSwap(nil, fmt.Errorf("%s: %w", r.Paths[i], err))
					bad.Add(1)
				}
				break
			}
			if resp.status == http.StatusServiceUnavailable {
				shed.Add(1)
				continue
			}
			if resp.status != http.StatusOK && resp.status != http.StatusNotModified {
				bad.Add(1)
				firstErr.CompareAndSwap(nil, fmt.Errorf("%s: status %d", r.Paths[i], resp.status))
				continue
			}
			mine = append(mine, time.Since(t0))
			bytes.Add(int64(len(resp.body)))
			ok.Add(1)
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
		return nil
	})
	if connErr != nil {
		firstErr.CompareAndSwap(nil, connErr)
	}
	elapsed := time.Since(start)
	f := ReadFigures{Name: r.Name, Clients: clients, Errors: int(bad.Load()), Shed: int(shed.Load())}
	if n := ok.Load(); n > 0 {
		f.Rate = float64(n) / elapsed.Seconds()
		f.Bytes = int(bytes.Load() / n)
		slices.Sort(lat)
		at := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p/100))] }
		f.P50, f.P95, f.P99 = at(50), at(95), at(99)
	}
	if err, _ := firstErr.Load().(error); err != nil && f.Errors > 0 {
		return f, err
	}
	return f, nil
}

// MedianReads is the medians of several runs of the same read.
func MedianReads(runs []ReadFigures) ReadFigures {
	med := func(get func(ReadFigures) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = get(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	m := runs[0]
	m.Rate = med(func(f ReadFigures) float64 { return f.Rate })
	m.Trivial = med(func(f ReadFigures) float64 { return f.Trivial })
	m.P50 = time.Duration(med(func(f ReadFigures) float64 { return float64(f.P50) }))
	m.P95 = time.Duration(med(func(f ReadFigures) float64 { return float64(f.P95) }))
	m.P99 = time.Duration(med(func(f ReadFigures) float64 { return float64(f.P99) }))
	m.Bytes = int(med(func(f ReadFigures) float64 { return float64(f.Bytes) }))
	for _, r := range runs {
		m.Errors = max(m.Errors, r.Errors)
		m.Shed = max(m.Shed, r.Shed)
	}
	return m
}
