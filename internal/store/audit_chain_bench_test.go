package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// BenchmarkAuditParallel runs audited writes from many goroutines at once
// on PostgreSQL, each its own committed transaction: all for one
// municipality, so every writer queues on one chain as every writer of
// the region did on the old global lock, and spread over 8
// municipalities. With work > 0 the transaction goes on that long after
// its entry, as an audited change does before it commits (the entry's
// lock is held until then). Run it with
//
//	NAVIGATOR_TEST_POSTGRES_URL=… go test ./internal/store -run '^$' -bench AuditParallel -benchtime 1000x
//
// It uses only the store's writer (AuditIn), so the same file measures
// the code before the chains.
func BenchmarkAuditParallel(b *testing.B) {
	for _, work := range []time.Duration{0, 2 * time.Millisecond} {
		for _, muns := range []int{1, 8} {
			b.Run(fmt.Sprintf("work=%v/municipalities=%d", work, muns), func(b *testing.B) {
				ctx := context.Background()
				db := storetest.Open(b, store.Postgres)
				r := newChainRegion(b, db, muns)
				var next atomic.Int64
				b.SetParallelism(8) // 8 × GOMAXPROCS writers: more than the chains, as a morning of staff is
				b.ResetTimer()
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					i := int(next.Add(1))
					for pb.Next() {
						err := db.Update(ctx, func(tx *store.Tx) error {
							if err := store.AuditIn(ctx, tx, r.read(i%muns)); err != nil {
								return err
							}
							time.Sleep(work)
							return nil
						})
						if err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
			})
		}
	}
}
