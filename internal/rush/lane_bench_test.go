package rush_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/service"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// BenchmarkLane measures the store's side of the rush alone: every family
// of a 5,000-family region applies at once through CreateApplication, no
// HTTP in between, so the figure is what the lanes can write. Compare it
// with `navigator bench rush` to see what the HTTP stack costs.
func BenchmarkLane(b *testing.B) {
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			ctx := context.Background()
			db := storetest.Open(b, engine)
			keys, err := secret.New(secret.Token() + secret.Token())
			if err != nil {
				b.Fatal(err)
			}
			svc := service.New(service.Deps{DB: db, Keys: keys})
			r, err := rush.Build(ctx, db, keys, svc, rush.Config{Families: 5000, Groups: 50, Clients: 256})
			if err != nil {
				b.Fatal(err)
			}
			var total, cpu time.Duration
			for i := 0; i < b.N; i++ {
				if err := store.Synthetic(db).ClearApplications(ctx, r.Groups); err != nil {
					b.Fatal(err)
				}
				start, used := time.Now(), rush.ProcessCPU()
				if err := applyAll(ctx, db, r, 256, i); err != nil {
					b.Fatal(err)
				}
				total += time.Since(start)
				cpu += rush.ProcessCPU() - used
			}
			b.ReportMetric(float64(len(r.Families)*b.N)/total.Seconds(), "apps/s")
			// On a shared machine the rate swings with the neighbours; the
			// processor time per application much less.
			b.ReportMetric(float64(cpu.Microseconds())/float64(len(r.Families)*b.N), "cpu-µs/app")
		})
	}
}

// applyAll sends every family's application from workers goroutines.
func applyAll(ctx context.Context, db *store.DB, r *rush.Region, workers, round int) error {
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := r.Families[i]
				_, _, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: f.SiteUserID, ChildID: f.ChildID,
					GroupID: r.Target[i], IdempotencyKey: fmt.Sprintf("lane-%d-%d", round, i), RequestHash: "h"})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range r.Families {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	return <-errs
}
