package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"navigator"
	"navigator/internal/demo"
	"navigator/internal/ru"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

var (
	demoOnce   sync.Once
	demoRegion *demo.Region
)

// seeded returns a fresh database of the engine with the demo region.
func seeded(t testing.TB, engine store.Engine) *store.DB {
	t.Helper()
	demoOnce.Do(func() { demoRegion = demo.Generate() })
	keys, err := secret.New("store-test-secret-0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	// Seeded once per engine, cloned for each test.
	return storetest.Seeded(t, engine, "demo", storetest.Keys(t), func(ctx context.Context, db *store.DB) error {
		_, err := store.Demo(db).Seed(ctx, demoRegion, keys, func(p string) string { return "plain:" + p }, "x")
		return err
	})
}

func TestSeedDemoOnlyIntoEmpty(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		keys, _ := secret.New("store-test-secret-0123456789abcdef")
		r := demo.Generate()
		sum, err := store.Demo(db).Seed(ctx, r, keys, func(p string) string { return p }, "x")
		if err != nil {
			t.Fatal(err)
		}
		if sum.Programs != len(r.Programs) || sum.Municipalities < 8 || sum.Organizations < 40 || sum.Offices < 5 || sum.Certificates == 0 {
			t.Fatalf("summary %+v", sum)
		}
		if _, err := store.Demo(db).Seed(ctx, r, keys, func(p string) string { return p }, "x"); navigator.ErrorKind(err) != navigator.KindConflict {
			t.Fatalf("second seed: %v, want conflict", err)
		}
	})
}

// TestSearchWordForms checks the catalog's Russian search on both engines:
// every result has each query word in some form, the programs whose title
// has the word come first, and both engines find the same set.
func TestSearchWordForms(t *testing.T) {
	t.Parallel()
	queries := []struct{ q, titleWord string }{
		{"рисованию", "рисован"},
		{"шахматам", "шахмат"},
		{"робототехникой", "робототехник"},
		{"футболом", "футбол"},
		{"вокалу", "вокал"},
		{"программированию", "программирован"},
		{"краеведению", "краеведен"},
	}
	results := map[store.Engine]map[string][]int64{}
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			db := seeded(t, engine)
			ctx := context.Background()
			results[engine] = map[string][]int64{}
			for _, c := range queries {
				page, err := db.ListPrograms(ctx, navigator.ProgramFilter{Query: c.q, PerPage: 100})
				if err != nil {
					t.Fatal(err)
				}
				if page.Total == 0 {
					t.Errorf("%q finds nothing", c.q)
					continue
				}
				if page.Total != len(page.Items) && len(page.Items) != 100 {
					t.Errorf("%q: total %d, items %d", c.q, page.Total, len(page.Items))
				}
				seenOther := false
				for _, p := range page.Items {
					if !ru.Matches(p.Title+" "+p.Organization+" "+p.Description, c.q) {
						t.Errorf("%q found %q, which lacks the word", c.q, p.Title)
					}
					inTitle := strings.Contains(strings.ToLower(strings.ReplaceAll(p.Title, "ё", "е")), c.titleWord)
					if inTitle && seenOther {
						t.Errorf("%q: %q (word in title) ranks below a program without it in the title", c.q, p.Title)
					}
					seenOther = seenOther || !inTitle
				}
				if !strings.Contains(strings.ToLower(page.Items[0].Title), c.titleWord) {
					t.Errorf("%q: best match %q lacks the word in its title", c.q, page.Items[0].Title)
				}
				var ids []int64
				for n := 1; (n-1)*100 < page.Total; n++ {
					pg, err := db.ListPrograms(ctx, navigator.ProgramFilter{Query: c.q, PerPage: 100, Page: n})
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range pg.Items {
						ids = append(ids, p.ID)
					}
				}
				slices.Sort(ids)
				results[engine][c.q] = ids
			}
		})
	}
	if len(results[store.Postgres]) > 0 {
		for _, c := range queries {
			if !slices.Equal(results[store.SQLite][c.q], results[store.Postgres][c.q]) {
				t.Errorf("%q: engines found different programs: %d vs %d", c.q, len(results[store.SQLite][c.q]), len(results[store.Postgres][c.q]))
			}
		}
	}
}

func TestCatalogFiltersAndPaging(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) { catalogFilters(t, seeded(t, engine)) })
	}
}

func catalogFilters(t *testing.T, db *store.DB) {
	ctx := context.Background()
	all, err := db.ListPrograms(ctx, navigator.ProgramFilter{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 500 || len(all.Items) != 100 {
		t.Fatalf("total %d, items %d", all.Total, len(all.Items))
	}
	ms, _ := db.Municipalities(ctx)
	for name, f := range map[string]navigator.ProgramFilter{
		"direction":    {Direction: "sport"},
		"municipality": {MunicipalityID: ms[0].ID},
		"age":          {Age: 7},
		"certified":    {Registry: navigator.RegistryCertified},
		"free":         {Free: true},
		"ovz":          {OVZ: true},
		"distance":     {FormOfStudy: navigator.FormDistance},
		"combined":     {Direction: "art", Age: 10, Registry: navigator.RegistryBudget},
	} {
		f.PerPage = 100
		page, err := db.ListPrograms(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if page.Total == 0 || page.Total >= all.Total {
			t.Errorf("%s: %d of %d programs", name, page.Total, all.Total)
		}
		for _, p := range page.Items {
			ok := (f.Direction == "" || p.Direction == f.Direction) &&
				(f.MunicipalityID == 0 || p.MunicipalityID == f.MunicipalityID) &&
				(f.Age == 0 || (p.AgeFrom <= f.Age && f.Age <= p.AgeTo)) &&
				(f.Registry == "" || p.Registry == f.Registry) &&
				(!f.Free || p.PricePerMonth == 0) && (!f.OVZ || p.OVZ) &&
				(f.FormOfStudy == "" || p.FormOfStudy == f.FormOfStudy)
			if !ok {
				t.Errorf("%s: %+v does not fit", name, p)
			}
		}
	}
	// Pages cover the list without repeats, and past the end is empty
	// with the right total.
	seen := map[int64]bool{}
	pages := (all.Total + 99) / 100
	for i := 1; i <= pages; i++ {
		page, err := db.ListPrograms(ctx, navigator.ProgramFilter{Page: i, PerPage: 100, Sort: navigator.SortTitle})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Items {
			if seen[p.ID] {
				t.Fatalf("program %d on two pages", p.ID)
			}
			seen[p.ID] = true
		}
	}
	if len(seen) != all.Total {
		t.Errorf("pages gave %d programs, total %d", len(seen), all.Total)
	}
	past, err := db.ListPrograms(ctx, navigator.ProgramFilter{Page: pages + 5, PerPage: 100})
	if err != nil || len(past.Items) != 0 || past.Total != all.Total {
		t.Errorf("past the end: %d items, total %d, %v", len(past.Items), past.Total, err)
	}
	cheap, _ := db.ListPrograms(ctx, navigator.ProgramFilter{Sort: navigator.SortPriceAsc, PerPage: 100})
	for i := 1; i < len(cheap.Items); i++ {
		if cheap.Items[i].PricePerMonth < cheap.Items[i-1].PricePerMonth {
			t.Fatal("price sort out of order")
		}
	}
	if _, err := db.ListPrograms(ctx, navigator.ProgramFilter{Direction: "magic"}); navigator.ErrorKind(err) != navigator.KindInvalid {
		t.Errorf("unknown direction: %v", err)
	}
	none, err := db.ListPrograms(ctx, navigator.ProgramFilter{Query: "и в на"})
	if err != nil || none.Total != 0 {
		t.Errorf("stop words only: %d, %v", none.Total, err)
	}
	weird, err := db.ListPrograms(ctx, navigator.ProgramFilter{Query: `"шахматы* (` + "' -"})
	if err != nil {
		t.Errorf("query with FTS syntax: %v", err)
	} else if weird.Total == 0 {
		t.Errorf("query with FTS syntax found nothing")
	}
}
