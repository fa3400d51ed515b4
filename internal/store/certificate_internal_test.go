package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"navigator"
)

// TestCertificateNumbersUnderConcurrency takes 50 numbers at once from one
// municipality's counter: all distinct, consecutive, with the region's and
// municipality's codes.
func TestCertificateNumbersUnderConcurrency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRegion(ctx, navigator.Region{Code: "55", Name: "Регион"}); err != nil {
		t.Fatal(err)
	}
	m := navigator.Municipality{Code: "07", Name: "г. Блестящий"}
	if err := db.CreateMunicipality(ctx, &m); err != nil {
		t.Fatal(err)
	}
	const n = 50
	numbers := make(chan string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.Update(ctx, func(tx *Tx) error {
				num, err := nextCertificateNumber(ctx, tx, m.ID)
				numbers <- num
				return err
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	close(numbers)
	seen := map[string]bool{}
	for num := range numbers {
		if !navigator.ValidCertificateNumber(num) || num[:4] != "5507" || seen[num] {
			t.Errorf("bad or repeated number %q", num)
		}
		seen[num] = true
	}
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("5507%06d", i); !seen[want] {
			t.Errorf("number %s missing", want)
		}
	}
}
