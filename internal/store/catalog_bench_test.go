package store_test

import (
	"context"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// BenchmarkCatalogList times the catalog's list query on the demo region,
// on each engine, for the queries a parent makes most. Each case also
// reports x_pk_lookup: its time over the time of fetching one program row
// by primary key on the same database in the same run, so that figures
// from a noisy shared machine can be compared.
//
//	go test ./internal/store -run '^$' -bench CatalogList -count 5
func BenchmarkCatalogList(b *testing.B) {
	cases := []struct {
		name string
		f    navigator.ProgramFilter
	}{
		{"first_page", navigator.ProgramFilter{}},
		{"direction_age", navigator.ProgramFilter{Direction: "art", Age: 9}},
		{"search", navigator.ProgramFilter{Query: "шахматам"}},
		{"search_two_words", navigator.ProgramFilter{Query: "робототехника для начинающих"}},
		{"certified_page_5", navigator.ProgramFilter{Registry: navigator.RegistryCertified, Page: 5}},
	}
	for _, engine := range storetest.Engines {
		b.Run(string(engine), func(b *testing.B) {
			db := seeded(b, engine)
			ctx := context.Background()
			page, err := db.ListPrograms(ctx, navigator.ProgramFilter{PerPage: 1})
			if err != nil {
				b.Fatal(err)
			}
			id := page.Items[0].ID
			base := baseline(b, db, id)
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := db.ListPrograms(ctx, c.f); err != nil {
							b.Fatal(err)
						}
					}
					perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
					b.ReportMetric(perOp/base, "x_pk_lookup")
				})
			}
		})
	}
}

// baseline returns the nanoseconds of one primary-key read of a program.
func baseline(b *testing.B, db *store.DB, id int64) float64 {
	ctx := context.Background()
	const n = 2000
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := db.ProgramExists(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
	return float64(time.Since(start).Nanoseconds()) / n
}
