package rush

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Answer is what one family's application got.
type Answer struct {
	Family  int
	ID      int64 // the application, when answered 201
	Status  string
	Latency time.Duration // of the request that was answered 201
	Total   time.Duration // from the first try to the answer, 503s and their retries included
	Tries   int
	Err     error
}

// Result is the figures of one rush.
type Result struct {
	Answers  []Answer
	Elapsed  time.Duration
	Created  int // answered 201
	Pending  int // of them holding a seat
	Shed     int // 503s the clients retried
	Failed   int // answered otherwise, or not at all
	FirstErr error
}

// Rate is the applications answered 201 per second.
func (r *Result) Rate() float64 { return float64(r.Created) / r.Elapsed.Seconds() }

// Percentile returns the p-th percentile of the server's answer time to
// the requests it answered 201.
func (r *Result) Percentile(p float64) time.Duration {
	return r.percentile(p, func(a Answer) time.Duration { return a.Latency })
}

// TotalPercentile returns the p-th percentile of the time from a family's
// first try to its 201, retries after 503 included.
func (r *Result) TotalPercentile(p float64) time.Duration {
	return r.percentile(p, func(a Answer) time.Duration { return a.Total })
}

func (r *Result) percentile(p float64, get func(Answer) time.Duration) time.Duration {
	var l []time.Duration
	for _, a := range r.Answers {
		if a.ID != 0 {
			l = append(l, get(a))
		}
	}
	if len(l) == 0 {
		return 0
	}
	slices.Sort(l)
	return l[min(len(l)-1, int(float64(len(l))*p/100))]
}

// Fire sends every family's application to base (http://host:port) from
// clients goroutines and waits for all the answers. A 503 is retried with
// the same Idempotency-Key after its Retry-After, as a parent's page
// would. families chooses who applies (nil: everyone); answered, when not
// nil, counts the 201s as they come (the kill test watches it).
func Fire(ctx context.Context, base string, r *Region, clients int, families []int, answered *atomic.Int64) *Result {
	if families == nil {
		families = make([]int, len(r.Families))
		for i := range families {
			families[i] = i
		}
	}
	res := &Result{Answers: make([]Answer, len(families))}
	next := make(chan int)
	var wg sync.WaitGroup
	var shed atomic.Int64
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := newConn(ctx, base)
			for k := range next {
				if err != nil {
					res.Answers[k] = Answer{Family: families[k], Err: err}
					continue
				}
				a := apply(ctx, c, r, families[k], &shed)
				res.Answers[k] = a
				if a.ID != 0 && answered != nil {
					answered.Add(1)
				}
			}
			if c != nil {
				c.close()
			}
		}()
	}
feed:
	for k := range families {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Shed = int(shed.Load())
	for _, a := range res.Answers {
		switch {
		case a.ID != 0:
			res.Created++
			if a.Status == "pending" {
				res.Pending++
			}
		default:
			res.Failed++
			if res.FirstErr == nil && a.Err != nil {
				res.FirstErr = a.Err
			}
		}
	}
	return res
}

// apply sends one family's application until it is answered.
func apply(ctx context.Context, c *conn, r *Region, i int, shed *atomic.Int64) Answer {
	a := Answer{Family: i}
	body := fmt.Appendf(nil, `{"child_id": %d, "group_id": %d}`, r.Families[i].ChildID, r.Target[i])
	req := c.request(http.MethodPost, "/api/v1/applications", http.Header{
		"Content-Type":    {"application/json"},
		"Authorization":   {"Bearer " + r.Tokens[i]},
		"Idempotency-Key": {"rush-" + strconv.Itoa(i)},
	}, body)
	start := time.Now()
	for ctx.Err() == nil {
		a.Tries++
		sent := time.Now()
		resp, err := c.do(req)
		if err != nil {
			a.Err = err
			return a
		}
		if resp.status == http.StatusServiceUnavailable {
			shed.Add(1)
			select {
			case <-time.After(time.Duration(max(resp.retryAfter, 1)) * time.Second):
			case <-ctx.Done():
			}
			continue
		}
		if resp.status != http.StatusCreated {
			a.Err = fmt.Errorf("family %d: %d %s", i, resp.status, resp.body)
			return a
		}
		var out struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		}
		if err := json.Unmarshal(resp.body, &out); err != nil {
			a.Err = fmt.Errorf("family %d: %w", i, err)
			return a
		}
		a.ID, a.Status, a.Latency, a.Total = out.ID, out.Status, time.Since(sent), time.Since(start)
		return a
	}
	a.Err = ctx.Err()
	return a
}

// Open has every family load its cabinet once, as parents do on the
// morning of enrolment: signed in, the page open, waiting for the hour.
// It is not timed; it makes the server's first sight of each session
// happen before the rush, as it does in life.
func Open(ctx context.Context, base string, r *Region, clients int) error {
	var next atomic.Int64
	err := eachClient(ctx, base, clients, func(c *conn) error {
		for i := int(next.Add(1)) - 1; i < len(r.Tokens); i = int(next.Add(1)) - 1 {
			req := c.request(http.MethodGet, "/api/v1/me", http.Header{"Authorization": {"Bearer " + r.Tokens[i]}}, nil)
			for {
				resp, err := c.do(req)
				if err != nil {
					return err
				}
				if resp.status == http.StatusServiceUnavailable && ctx.Err() == nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				if resp.status != http.StatusOK {
					return fmt.Errorf("family %d: GET /api/v1/me: %d %s", i, resp.status, resp.body)
				}
				break
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("open the cabinets: %w", err)
	}
	return nil
}

// eachClient runs fn on n connections at once and returns the first
// error, a connection's or fn's.
func eachClient(ctx context.Context, base string, n int, fn func(*conn) error) error {
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := newConn(ctx, base)
			if err == nil {
				err = fn(c)
				c.close()
			}
			if err != nil {
				firstErr.CompareAndSwap(nil, err)
			}
		}()
	}
	wg.Wait()
	err, _ := firstErr.Load().(error)
	return err
}

// Trivial measures the requests per second of a trivial handler (the
// health check) through the same server and client, for d.
func Trivial(ctx context.Context, base string, clients int, d time.Duration) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var n atomic.Int64
	start := time.Now()
	err := eachClient(ctx, base, clients, func(c *conn) error {
		req := c.request(http.MethodGet, "/healthz", nil, nil)
		for ctx.Err() == nil {
			resp, err := c.do(req)
			if err != nil {
				if ctx.Err() == nil {
					return err
				}
				return nil
			}
			if resp.status == http.StatusOK {
				n.Add(1)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("trivial handler: %w", err)
	}
	return float64(n.Load()) / time.Since(start).Seconds(), nil
}
