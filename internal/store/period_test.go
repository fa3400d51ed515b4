package store_test

import (
	"context"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestRollPeriod: after the school year ends, the next period opens once;
// each financing certificate's unspent balance expires and the new
// nominal comes in.
func TestRollPeriod(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			db := seeded(t, engine)
			ctx := context.Background()
			if rolled, err := db.RollPeriod(ctx, navigator.NewDate(2027, time.August, 31)); err != nil || rolled {
				t.Fatalf("on the last day: %v %v", rolled, err)
			}
			// Spend some of one certificate, to see it does not carry over.
			var certID int64
			var nominal navigator.Money
			must(t, db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.QueryRow(ctx, "SELECT id, nominal FROM certificates WHERE type = 'financing' ORDER BY id LIMIT 1").Scan(&certID, &nominal); err != nil {
					return err
				}
				_, err := tx.Exec(ctx, "UPDATE certificates SET balance = balance - 100000 WHERE id = ?", certID)
				return err
			}))
			rolled, err := db.RollPeriod(ctx, navigator.NewDate(2027, time.September, 1))
			if err != nil || !rolled {
				t.Fatalf("after the year: %v %v", rolled, err)
			}
			if rolled, _ := db.RollPeriod(ctx, navigator.NewDate(2027, time.September, 2)); rolled {
				t.Fatal("rolled twice")
			}
			var name string
			var balance navigator.Money
			var expired, nominals int
			must(t, db.View(ctx, func(tx *store.Tx) error {
				if err := tx.QueryRow(ctx, "SELECT name FROM periods WHERE is_current = TRUE").Scan(&name); err != nil {
					return err
				}
				if err := tx.QueryRow(ctx, "SELECT balance FROM certificates WHERE id = ?", certID).Scan(&balance); err != nil {
					return err
				}
				if err := tx.QueryRow(ctx, "SELECT count(*) FROM ledger_entries WHERE certificate_id = ? AND kind = 'expire'", certID).Scan(&expired); err != nil {
					return err
				}
				return tx.QueryRow(ctx, "SELECT count(*) FROM ledger_entries WHERE certificate_id = ? AND kind = 'nominal'", certID).Scan(&nominals)
			}))
			if name != "2027/2028 учебный год" || balance != nominal || expired != 1 || nominals != 2 {
				t.Fatalf("period %q, balance %v (nominal %v), %d expiries, %d nominals", name, balance, nominal, expired, nominals)
			}
		})
	}
}
