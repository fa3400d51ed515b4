package store_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// BenchmarkIssue50Operators issues certificates with 50 operators at once,
// each for their own confirmed children, and reports issuances per second
// and the p50 and p99 latency of one issuance. x_minimal_tx is the
// throughput over that of a minimal write transaction (one row updated)
// run the same way on the same database in the same run.
//
//	go test ./internal/store -run '^$' -bench Issue50 -benchtime 2000x -count 5
func BenchmarkIssue50Operators(b *testing.B) {
	const operators = 50
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			f := newFixture(b, db)
			ctx := context.Background()
			children := make([]int64, b.N)
			for i := range children {
				children[i] = confirmedChild(b, db, f, i)
			}
			base := parallelRate(b, operators, b.N, func(i int) error {
				return db.Update(ctx, func(tx *store.Tx) error {
					_, err := tx.Exec(ctx, "UPDATE region SET name = ? WHERE id = 1", fmt.Sprintf("Регион %d", i))
					return err
				})
			})
			b.ResetTimer()
			lat := make([]time.Duration, b.N)
			rate := parallelRate(b, operators, b.N, func(i int) error {
				start := time.Now()
				_, err := db.IssueCertificate(ctx, store.Issue{ChildID: children[i], Type: navigator.CertificateAccounting,
					StaffID: f.operator.ID, OrganizationID: f.office.ID}, &store.AuditEntry{ActorRole: "operator", ActorID: f.operator.ID, Action: "certificate.issue"})
				lat[i] = time.Since(start)
				return err
			})
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(rate, "issues/s")
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50_ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99_ms")
			b.ReportMetric(rate/base, "x_minimal_tx")
		})
	}
}

// parallelRate runs n calls of fn over workers goroutines and returns the
// calls per second.
func parallelRate(b *testing.B, workers, n int, fn func(i int) error) float64 {
	var wg sync.WaitGroup
	next := make(chan int)
	var once sync.Once
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(i); err != nil {
					once.Do(func() { b.Error(fmt.Errorf("call %d: %w", i, err)) })
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}
