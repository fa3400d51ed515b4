package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestClaimJobRunOneWinner has three handles on one database, as three
// servers, claim the same due times at once: each due time has exactly
// one winner, on both engines, and its row records how the run ended.
func TestClaimJobRunOneWinner(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			u := storetest.URL(t, engine)
			var servers []*store.DB
			for i := range 3 {
				db, err := store.Open(ctx, u)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				db.LimitConns(4) // the test database's server is shared
				if i == 0 {
					if _, err := db.Migrate(ctx); err != nil {
						t.Fatal(err)
					}
				}
				servers = append(servers, db)
			}
			base := time.Date(2026, 9, 1, 5, 0, 0, 0, time.UTC)
			const dues, tries = 5, 4 // each server tries each due time from several goroutines
			var won [dues]atomic.Int32
			var wg sync.WaitGroup
			for s, db := range servers {
				for d := range dues {
					for range tries {
						wg.Add(1)
						go func() {
							defer wg.Done()
							ok, err := db.ClaimJobRun(ctx, fmt.Sprintf("task%d", d), base.Add(time.Duration(d)*time.Hour), fmt.Sprintf("server%d", s), time.Minute)
							if err != nil {
								t.Error(err)
							}
							if ok {
								won[d].Add(1)
							}
						}()
					}
				}
			}
			wg.Wait()
			for d := range dues {
				if n := won[d].Load(); n != 1 {
					t.Errorf("due time %d: %d winners, want 1", d, n)
				}
			}
			// One task through three due times: a run still going keeps
			// the next period from starting another beside it, until its
			// lease ends; a finished one does not.
			claim := func(db *store.DB, hour int, lease time.Duration) bool {
				t.Helper()
				ok, err := db.ClaimJobRun(ctx, "send_mail", base.Add(time.Duration(hour)*time.Hour), "s", lease)
				if err != nil {
					t.Fatal(err)
				}
				return ok
			}
			if !claim(servers[0], 0, time.Hour) {
				t.Fatal("the first claim lost")
			}
			if claim(servers[1], 1, time.Hour) {
				t.Error("a claim won while the previous run was unfinished")
			}
			if !claim(servers[1], 1, -time.Second) {
				t.Error("a claim lost to an unfinished run past its lease")
			}
			if err := servers[1].FinishJobRun(ctx, "send_mail", base, 7, nil); err != nil {
				t.Fatal(err)
			}
			if err := servers[2].FinishJobRun(ctx, "send_mail", base.Add(time.Hour), 0, fmt.Errorf("нет связи")); err != nil {
				t.Fatal(err)
			}
			if !claim(servers[2], 2, time.Hour) {
				t.Error("a claim lost after the previous runs finished")
			}
			runs, err := servers[0].JobRuns(ctx, "send_mail", base)
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 3 {
				t.Fatalf("%d runs, want 3", len(runs))
			}
			if r := runs[0]; !r.DueAt.Equal(base) || r.FinishedAt == nil || r.Changed != 7 || r.Error != "" {
				t.Errorf("first run %+v", r)
			}
			if r := runs[1]; r.FinishedAt == nil || r.Error != "нет связи" {
				t.Errorf("second run %+v", r)
			}
			if r := runs[2]; r.FinishedAt != nil {
				t.Errorf("an unfinished run has finished_at %v", r.FinishedAt)
			}
			n, err := servers[0].PurgeJobRuns(ctx, base.Add(2*time.Hour))
			if err != nil || n != 2+2 { // two of send_mail, task0 and task1
				t.Fatalf("purged %d, %v; want 4", n, err)
			}
		})
	}
}
