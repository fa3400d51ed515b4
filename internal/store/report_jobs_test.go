package store_test

import (
	"context"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestReportJobLeaseAndRetry: a claimed report job is not taken twice
// while its lease runs; after a worker's crash (the lease runs out) it is
// taken again, and after its last attempt it is failed, not retried
// forever.
func TestReportJobLeaseAndRetry(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		id, err := db.EnqueueReport(ctx, f.admin.ID, "coverage", "csv", "Охват сертификатами", `{"report":"coverage","format":"csv"}`)
		must(t, err)
		j, err := db.ClaimReportJob(ctx, "a", time.Minute)
		must(t, err)
		if j == nil || j.ID != id || j.Attempts != 1 || j.Status() != "running" {
			t.Fatalf("first claim %+v", j)
		}
		must(t, db.SetJobProgress(ctx, id, 40))
		if again, err := db.ClaimReportJob(ctx, "b", time.Minute); err != nil || again != nil {
			t.Fatalf("claimed twice within the lease: %+v %v", again, err)
		}
		// The worker died: the lease runs out and another takes the job.
		now = now.Add(2 * time.Minute)
		j, err = db.ClaimReportJob(ctx, "b", time.Minute)
		must(t, err)
		if j == nil || j.ID != id || j.Attempts != 2 || j.Progress != 40 {
			t.Fatalf("claim after the lease %+v", j)
		}
		must(t, db.FailJob(ctx, id, "boom", 0))
		now = now.Add(time.Second)
		j, err = db.ClaimReportJob(ctx, "c", time.Minute)
		must(t, err)
		if j == nil || j.Attempts != 3 {
			t.Fatalf("third attempt %+v", j)
		}
		// The third worker dies too: the job is failed for good.
		now = now.Add(2 * time.Minute)
		if j, err := db.ClaimReportJob(ctx, "d", time.Minute); err != nil || j != nil {
			t.Fatalf("claimed beyond its attempts: %+v %v", j, err)
		}
		j, err = db.ReportJob(ctx, id)
		must(t, err)
		if j.Status() != "failed" {
			t.Fatalf("status %q after the last attempt", j.Status())
		}
		must(t, db.FinishReportJob(ctx, id, "ok", "coverage.csv", "text/csv", []byte("x"), 1))
		name, _, body, err := db.ReportFile(ctx, id)
		if err != nil || name != "coverage.csv" || string(body) != "x" {
			t.Fatalf("file %q %q %v", name, body, err)
		}
	})
}
