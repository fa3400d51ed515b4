package jobs

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestTwoServersRunEachDueTimeOnce runs the same task on two runners over
// one database, as two servers: every period is run by exactly one of
// them, and each run has its row in job_runs. The test across processes
// and a load balancer is in internal/cluster.
func TestTwoServersRunEachDueTimeOnce(t *testing.T) {
	const period = 200 * time.Millisecond
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var runs [2]atomic.Int64
		var logged syncBuffer // what went wrong, for the failure message
		log := slog.New(slog.NewTextHandler(&logged, nil))
		start := time.Now()
		for i := range runs {
			task := Task{Name: "count", Every: time.Hour, Run: func(context.Context, time.Time) (int64, error) {
				runs[i].Add(1)
				return 1, nil
			}}
			Run(ctx, log, []Task{task}, Options{Claims: db, Server: []string{"a", "b"}[i], Every: period})
		}
		time.Sleep(8 * period)
		cancel()
		time.Sleep(150 * time.Millisecond) // the last runs record their end
		got, err := db.JobRuns(context.Background(), "count", start.Add(-time.Second))
		if err != nil {
			t.Fatal(err)
		}
		total := runs[0].Load() + runs[1].Load()
		if int64(len(got)) != total || total < 4 {
			t.Fatalf("%d + %d runs, %d rows in job_runs; want equal and at least 4; the log:\n%s", runs[0].Load(), runs[1].Load(), len(got), logged.String())
		}
		for i, r := range got {
			if r.FinishedAt == nil || r.Changed != 1 {
				t.Errorf("run %+v not recorded as finished", r)
			}
			if i > 1 && r.DueAt.Sub(got[i-1].DueAt) != period {
				t.Errorf("due times %s then %s: a period was skipped", got[i-1].DueAt, r.DueAt)
			}
		}
	})
}

// syncBuffer is a log written by several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
