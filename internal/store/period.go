package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// RollPeriod opens the next period once the current one has ended: the
// municipalities' settings carry over, and each active financing
// certificate's unspent balance expires and the new period's nominal
// comes in, all in one transaction. It returns false when the current
// period is still running, so running it daily is safe.
func (db *DB) RollPeriod(ctx context.Context, today navigator.Date) (bool, error) {
	rolled := false
	err := db.Update(ctx, func(tx *Tx) error {
		var oldID int64
		var endsOn navigator.Date
		var unit string
		err := tx.QueryRow(ctx, "SELECT id, ends_on, unit FROM periods WHERE is_current = TRUE").Scan(&oldID, &endsOn, &unit)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if !endsOn.Before(today) {
			return nil
		}
		start := navigator.DateOf(endsOn.Time().AddDate(0, 0, 1))
		end := navigator.DateOf(start.Time().AddDate(1, 0, -1))
		name := fmt.Sprintf("%d/%d учебный год", start.Time().Year(), end.Time().Year())
		if _, err := tx.Exec(ctx, "UPDATE periods SET is_current = FALSE WHERE id = ?", oldID); err != nil {
			return err
		}
		newID, err := tx.InsertID(ctx, "INSERT INTO periods (name, starts_on, ends_on, unit, is_current) VALUES (?, ?, ?, ?, TRUE)", name, start, end, unit)
		if err != nil {
			return fmt.Errorf("new period: %w", mapError(err))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id, financing_nominal, financing_quota, budget_limit,
				financing_to_accounting_days, children_total)
			SELECT municipality_id, ?, financing_nominal, financing_quota, budget_limit, financing_to_accounting_days, children_total
			FROM municipality_periods WHERE period_id = ?`, newID, oldID); err != nil {
			return fmt.Errorf("carry settings: %w", err)
		}
		type cert struct {
			id, municipality int64
			balance          navigator.Money
		}
		rows, err := tx.Query(ctx, "SELECT id, municipality_id, balance FROM certificates WHERE type = 'financing' AND status = 'active' AND period_id = ?", oldID)
		if err != nil {
			return err
		}
		var certs []cert
		for rows.Next() {
			var c cert
			if err := rows.Scan(&c.id, &c.municipality, &c.balance); err != nil {
				rows.Close()
				return err
			}
			certs = append(certs, c)
		}
		rows.Close()
		for _, c := range certs {
			if c.balance > 0 {
				if err := ledger(ctx, tx, c.id, oldID, "expire", c.balance, "Остаток периода не переносится"); err != nil {
					return err
				}
			}
			var nominal navigator.Money
			if err := tx.QueryRow(ctx, "SELECT COALESCE((SELECT financing_nominal FROM municipality_periods WHERE municipality_id = ? AND period_id = ?), 0)",
				c.municipality, newID).Scan(&nominal); err != nil {
				return err
			}
			if nominal > 0 {
				if err := ledger(ctx, tx, c.id, newID, "nominal", nominal, "Номинал на период "+name); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, "UPDATE certificates SET period_id = ?, nominal = ?, balance = ? WHERE id = ?", newID, int64(nominal), int64(nominal), c.id); err != nil {
				return mapError(err)
			}
		}
		rolled = true
		return audit(ctx, tx, AuditEntry{ActorRole: "system", Action: "period.roll", SubjectKind: "period", SubjectID: newID,
			Details: fmt.Sprintf("%d certificates", len(certs))})
	})
	return rolled, err
}
