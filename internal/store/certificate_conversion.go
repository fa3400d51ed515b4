package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"navigator"
	"navigator/internal/ru"
)

// ConvertUnusedFinancing turns every financing certificate of the current
// period that has not been used — no contract, nothing reserved or spent —
// for the municipality's number of days into an accounting certificate.
// Its unspent nominal expires in the ledger, the parent gets a letter, and
// the freed places go to the financing queue. Each certificate converts in
// its own transaction and only while it is still unused, so running the
// job again, or on two servers, changes nothing twice.
func (db *DB) ConvertUnusedFinancing(ctx context.Context, now time.Time) (int64, error) {
	type candidate struct {
		id, municipality, period int64
		days                     int
		since                    time.Time
	}
	var list []candidate
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT s.id, s.municipality_id, s.period_id, mp.financing_to_accounting_days, s.issued_at, s.type_changed_at
			FROM certificates s
			JOIN periods p ON p.id = s.period_id AND p.is_current = TRUE
			JOIN municipality_periods mp ON mp.municipality_id = s.municipality_id AND mp.period_id = s.period_id
			WHERE s.type = 'financing' AND s.status = 'active' AND mp.financing_to_accounting_days > 0
				AND s.reserve = 0 AND s.balance = s.nominal AND s.hours_reserve = 0 AND s.hours_balance = s.hours_nominal
				AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.certificate_id = s.id)`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c candidate
			var changed sql.NullTime
			if err := rows.Scan(&c.id, &c.municipality, &c.period, &c.days, &c.since, &changed); err != nil {
				return err
			}
			if changed.Valid {
				c.since = changed.Time
			}
			if now.Sub(c.since) >= time.Duration(c.days)*24*time.Hour {
				list = append(list, c)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("unused financing: %w", err)
	}
	var n int64
	for _, c := range list {
		err := db.Update(ctx, func(tx *Tx) error {
			var nominal navigator.Money
			if err := tx.QueryRow(ctx, "SELECT nominal FROM certificates WHERE id = ?", c.id).Scan(&nominal); err != nil {
				return err
			}
			res, err := tx.Exec(ctx, `UPDATE certificates SET type = 'accounting', nominal = 0, balance = 0, type_changed_at = ?
				WHERE id = ? AND type = 'financing' AND status = 'active' AND reserve = 0 AND balance = nominal
				AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.certificate_id = certificates.id)`, tx.Now(), c.id)
			if err != nil {
				return fmt.Errorf("convert: %w", mapError(err))
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return nil // used or changed meanwhile
			}
			if nominal > 0 {
				if err := ledger(ctx, tx, c.id, c.period, "expire", nominal, "Сертификат не использовался: переведён в сертификат учёта"); err != nil {
					return err
				}
			}
			if err := certificateLetter(ctx, tx, c.id, nominal, "Сертификат переведён в сертификат учёта", "Сертификатом финансирования № %s не пользовались "+
				ru.Count(c.days, "день", "дня", "дней")+", и по правилам муниципалитета он переведён в сертификат учёта: номинал %s больше не действует. "+
				"С ним можно записываться на бюджетные программы. Если понадобится снова сертификат финансирования, подайте запрос в личном кабинете или в уполномоченной организации."); err != nil {
				return err
			}
			if err := expireHours(ctx, tx, c.id, c.period, "Сертификат не использовался: переведён в сертификат учёта"); err != nil {
				return err
			}
			if err := audit(ctx, tx, AuditEntry{ActorRole: "system", Action: "certificate.auto_converted", SubjectKind: "certificate", SubjectID: c.id}); err != nil {
				return err
			}
			n++
			_, err = serveQueue(ctx, tx, c.municipality, c.period)
			return err
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
