package store_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// confirmedChild makes a family with one confirmed child in the fixture's
// municipality.
func confirmedChild(t testing.TB, db *store.DB, f *fixture, n int) int64 {
	t.Helper()
	ctx := context.Background()
	u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: f.mun.ID,
		LastName: "Иванова", FirstName: "Мария", Phone: "+79990000000", Email: fmt.Sprintf("family%d@example.ru", n)},
		ConsentOnline: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.CreateChild(ctx, u.ID, navigator.ChildInput{FirstName: "Пётр", BirthDate: navigator.NewDate(2016, 5, 1), Sex: navigator.Male}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Confirm(ctx, c.ID, f.operator.ID, f.office.ID, []byte("sealed"), fmt.Sprintf("hash-%d", n), nil); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// TestFiftyOperatorsOneChild: 50 simultaneous «Выдать сертификат» for one
// child give one number and 49 conflicts, on both engines.
func TestFiftyOperatorsOneChild(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		child := confirmedChild(t, db, f, 1)
		const n = 50
		var wg sync.WaitGroup
		var mu sync.Mutex
		numbers, conflicts := map[string]int{}, 0
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				c, err := db.IssueCertificate(ctx, store.Issue{ChildID: child, Type: navigator.CertificateAccounting,
					StaffID: f.operator.ID, OrganizationID: f.office.ID}, nil)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					numbers[c.Number]++
				case navigator.ErrorKind(err) == navigator.KindConflict:
					conflicts++
				default:
					t.Errorf("unexpected error: %v", err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(numbers) != 1 || conflicts != n-1 {
			t.Fatalf("numbers %v, conflicts %d; want one number and %d conflicts", numbers, conflicts, n-1)
		}
		// The next child gets the next number: the failed attempts took none.
		c2 := confirmedChild(t, db, f, 2)
		cert, err := db.IssueCertificate(ctx, store.Issue{ChildID: c2, Type: navigator.CertificateAccounting, StaffID: f.operator.ID, OrganizationID: f.office.ID}, nil)
		if err != nil || cert.Number != "5507000002" {
			t.Fatalf("second child got %v, %v; want 5507000002", cert, err)
		}
	})
}

func TestCertificateTypeChangesKeepTheNumber(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: f.mun.ID,
			LastName: "Петров", FirstName: "Иван", Phone: "+79990000001", Email: "petrov@example.ru"}, ConsentOnline: true, ResidentRF: false}, nil)
		must(t, err)
		c, err := db.CreateChild(ctx, u.ID, navigator.ChildInput{BirthDate: navigator.NewDate(2015, 1, 1), Sex: navigator.Female}, nil)
		must(t, err)
		// Online: unconfirmed, then confirmation turns it into accounting.
		cert, err := db.IssueCertificate(ctx, store.Issue{ChildID: c.ID, Type: navigator.CertificateUnconfirmed}, nil)
		must(t, err)
		if cert.Type != navigator.CertificateUnconfirmed {
			t.Fatalf("type %s", cert.Type)
		}
		rec, err := db.Confirm(ctx, c.ID, f.operator.ID, f.office.ID, nil, "", nil)
		must(t, err)
		if rec.Certificate.Type != navigator.CertificateAccounting || rec.Certificate.Number != cert.Number {
			t.Fatalf("after confirmation: %+v", rec.Certificate)
		}
		// Financing needs a current period.
		if _, err := db.ChangeCertificate(ctx, cert.Number, navigator.CertificateFinancing, nil, nil); navigator.ErrorKind(err) != navigator.KindConflict {
			t.Fatalf("financing without a period: %v", err)
		}
		// Freezing works without contracts, and closing is final.
		fr, err := db.SetCertificateStatus(ctx, cert.Number, navigator.CertificateFrozen, nil)
		if err != nil || fr.Status != navigator.CertificateFrozen || fr.Number != cert.Number {
			t.Fatalf("freeze: %+v %v", fr, err)
		}
		n, err := db.CloseAdultCertificates(ctx, navigator.NewDate(2033, 1, 1))
		if err != nil || n != 1 {
			t.Fatalf("close adults: %d %v", n, err)
		}
		if n, _ := db.CloseAdultCertificates(ctx, navigator.NewDate(2033, 1, 1)); n != 0 {
			t.Fatalf("closing twice closed %d more", n)
		}
	})
}

// TestManyIssuancesWithoutDuplicates issues certificates across
// municipalities from several goroutines: every number is distinct, with
// its municipality's code, and the counters have no gaps. The suite runs
// 2,000; NAVIGATOR_TEST_ISSUANCES=100000 runs the full count.
func TestManyIssuancesWithoutDuplicates(t *testing.T) {
	t.Parallel()
	total := 2000
	if v, err := strconv.Atoi(os.Getenv("NAVIGATOR_TEST_ISSUANCES")); err == nil && v > 0 {
		total = v
	} else if testing.Short() {
		total = 200
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		muns := []navigator.Municipality{f.mun}
		for i := 1; i < 4; i++ {
			m := navigator.Municipality{Code: fmt.Sprintf("%02d", 10+i), Name: fmt.Sprintf("Район %d", i)}
			must(t, db.CreateMunicipality(ctx, &m))
			muns = append(muns, m)
		}
		children := make([]int64, total)
		for i := range children {
			m := muns[i%len(muns)]
			u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: m.ID,
				LastName: "Тест", FirstName: "Тест", Phone: "+79990000000", Email: fmt.Sprintf("m%d@example.ru", i)}, ConsentOnline: true}, nil)
			must(t, err)
			c, err := db.CreateChild(ctx, u.ID, navigator.ChildInput{BirthDate: navigator.NewDate(2015, 1, 1), Sex: navigator.Male}, nil)
			must(t, err)
			children[i] = c.ID
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		seen := map[string]bool{}
		work := make(chan int64)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for id := range work {
					c, err := db.IssueCertificate(ctx, store.Issue{ChildID: id, Type: navigator.CertificateUnconfirmed}, nil)
					if err != nil {
						t.Error(err)
						continue
					}
					mu.Lock()
					if seen[c.Number] {
						t.Errorf("number %s issued twice", c.Number)
					}
					seen[c.Number] = true
					mu.Unlock()
				}
			}()
		}
		for _, id := range children {
			work <- id
		}
		close(work)
		wg.Wait()
		for i, m := range muns {
			n := total / len(muns)
			if i < total%len(muns) {
				n++
			}
			for k := 1; k <= n; k++ {
				if num := fmt.Sprintf("55%s%06d", m.Code, k); !seen[num] {
					t.Fatalf("number %s missing: a gap in the counter", num)
				}
			}
		}
		if len(seen) != total {
			t.Fatalf("%d numbers for %d children", len(seen), total)
		}
	})
}
