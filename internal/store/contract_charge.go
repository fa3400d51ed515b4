package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// MonthBounds returns the first and the last day of a month "YYYY-MM".
func MonthBounds(month string) (navigator.Date, navigator.Date, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return navigator.Date{}, navigator.Date{}, fmt.Errorf("month %q: want YYYY-MM", month)
	}
	first := navigator.DateOf(t)
	last := navigator.DateOf(t.AddDate(0, 1, -1))
	return first, last, nil
}

// ChargeSummary counts what a monthly run did.
type ChargeSummary struct {
	Charged  int
	Amount   navigator.Money
	Ended    int
	Released navigator.Money
}

// ChargeMonth charges each contract in force in the month its
// certificate's monthly share, once: the ledger's unique index on
// (contract, month) makes a second run, or a run after a crash, charge
// nothing twice. Contracts ended during the month are closed afterwards
// and what they still held in reserve goes back to the balance. Each
// contract is its own transaction.
func (db *DB) ChargeMonth(ctx context.Context, month string) (*ChargeSummary, error) {
	first, last, err := MonthBounds(month)
	if err != nil {
		return nil, err
	}
	sum := &ChargeSummary{}
	var ids []int64
	err = db.View(ctx, func(tx *Tx) error {
		var err error
		ids, err = tx.ids(ctx, `SELECT id FROM contracts WHERE status IN ('active', 'ending') AND certificate_monthly > 0 AND unit = 'rub'
			AND starts_on <= ? AND (ended_on IS NULL OR (ended_on >= ? AND ended_on >= starts_on)) AND ends_on >= ? ORDER BY id`, last, first, first)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("charge %s: %w", month, err)
	}
	for _, id := range ids {
		if err := db.Update(ctx, func(tx *Tx) error { return chargeContract(ctx, tx, id, month, sum) }); err != nil {
			return sum, fmt.Errorf("charge contract %d for %s: %w", id, month, err)
		}
	}
	// Contracts ending by the month's end are closed now.
	var ending []int64
	err = db.View(ctx, func(tx *Tx) error {
		var err error
		ending, err = tx.ids(ctx, "SELECT id FROM contracts WHERE status = 'ending' AND ended_on <= ? ORDER BY id", last)
		return err
	})
	if err != nil {
		return sum, err
	}
	for _, id := range ending {
		if err := db.Update(ctx, func(tx *Tx) error { return closeContract(ctx, tx, id, sum) }); err != nil {
			return sum, fmt.Errorf("close contract %d: %w", id, err)
		}
	}
	return sum, nil
}

func chargeContract(ctx context.Context, tx *Tx, contractID int64, month string, sum *ChargeSummary) error {
	var certID, periodID int64
	var amount navigator.Money
	if err := tx.QueryRow(ctx, `SELECT c.certificate_id, s.period_id, c.certificate_monthly FROM contracts c JOIN certificates s ON s.id = c.certificate_id
		WHERE c.id = ?`, contractID).Scan(&certID, &periodID, &amount); err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, month, note, created_at)
		VALUES (?, ?, 'charge', ?, ?, ?, ?, ?) ON CONFLICT (contract_id, month) WHERE kind = 'charge' DO NOTHING`,
		certID, periodID, int64(amount), contractID, month, "Оплата месяца "+month, tx.Now())
	if err != nil {
		return mapError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // charged before
	}
	if _, err := tx.Exec(ctx, "UPDATE certificates SET reserve = reserve - ? WHERE id = ?", int64(amount), certID); err != nil {
		return mapError(err)
	}
	sum.Charged++
	sum.Amount += amount
	return nil
}

// closeContract ends a contract and returns its unspent reserve.
func closeContract(ctx context.Context, tx *Tx, contractID int64, sum *ChargeSummary) error {
	var certID sql.NullInt64
	var appID int64
	if err := tx.QueryRow(ctx, "SELECT certificate_id, application_id FROM contracts WHERE id = ? AND status = 'ending'", contractID).Scan(&certID, &appID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	}
	if certID.Valid {
		var reserved, charged, released navigator.Money
		var periodID int64
		if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN kind = 'charge' THEN amount ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN kind = 'release' THEN amount ELSE 0 END), 0), MAX(period_id)
			FROM ledger_entries WHERE contract_id = ? AND unit = 'rub'`, contractID).Scan(&reserved, &charged, &released, &periodID); err != nil {
			return err
		}
		if left := reserved - charged - released; left > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, note, created_at)
				VALUES (?, ?, 'release', ?, ?, ?, ?)`, certID.Int64, periodID, int64(left), contractID, "Возврат резерва по расторгнутому договору", tx.Now()); err != nil {
				return mapError(err)
			}
			if _, err := tx.Exec(ctx, "UPDATE certificates SET reserve = reserve - ?, balance = balance + ? WHERE id = ?", int64(left), int64(left), certID.Int64); err != nil {
				return mapError(err)
			}
			sum.Released += left
		}
		if err := releaseHours(ctx, tx, contractID, certID.Int64); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE contracts SET status = 'ended' WHERE id = ?", contractID); err != nil {
		return err
	}
	if err := setStatus(ctx, tx, appID, navigator.AppCompleted, ""); err != nil {
		return err
	}
	var groupID int64
	if err := tx.QueryRow(ctx, "SELECT group_id FROM applications WHERE id = ?", appID).Scan(&groupID); err != nil {
		return err
	}
	if err := freeSeat(ctx, tx, groupID); err != nil {
		return err
	}
	sum.Ended++
	return refreshProgramOfGroup(ctx, tx, groupID)
}
