package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestUpdateBatched runs many writers through the group-commit lanes at
// once, every third of them failing after its write: the failures leave
// nothing behind, the others are all committed, and every caller gets its
// own answer.
func TestUpdateBatched(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const n = 300
		errRefused := errors.New("refused")
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = db.UpdateBatched(ctx, int64(i), func(ctx context.Context, tx *store.Tx) error {
					if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", fmt.Sprintf("batch-%d", i), "x"); err != nil {
						return err
					}
					if i%3 == 0 {
						return errRefused
					}
					return nil
				})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if (i%3 == 0) != errors.Is(err, errRefused) || (i%3 != 0 && err != nil) {
				t.Fatalf("caller %d: %v", i, err)
			}
		}
		var kept int
		if err := db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT count(*) FROM settings WHERE key LIKE 'batch-%'").Scan(&kept)
		}); err != nil {
			t.Fatal(err)
		}
		if want := n - (n+2)/3; kept != want {
			t.Fatalf("%d rows kept, want %d", kept, want)
		}
	})
}
