package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// The quota of financing certificates: a municipality sets for a period how
// many financing certificates it pays for. When they are all taken, a
// request for one waits in a first-come queue (the child gets or keeps an
// accounting certificate meanwhile) and is served as soon as a place frees:
// a financing certificate turns into an accounting one or closes, or the
// quota grows.

// quotaState is the municipality's quota for the period and the places
// taken. set is false when the municipality has no settings for the
// period: then no quota limits it.
func quotaState(ctx context.Context, tx *Tx, municipalityID, periodID int64) (quota, taken int, set bool, err error) {
	err = tx.QueryRow(ctx, "SELECT financing_quota FROM municipality_periods WHERE municipality_id = ? AND period_id = ?",
		municipalityID, periodID).Scan(&quota)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("quota: %w", err)
	}
	taken, err = financingTaken(ctx, tx, municipalityID, periodID)
	return quota, taken, true, err
}

// financingTaken counts the financing certificates holding a place.
func financingTaken(ctx context.Context, tx *Tx, municipalityID, periodID int64) (int, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM certificates WHERE municipality_id = ? AND period_id = ?
		AND type = 'financing' AND status <> 'closed'`, municipalityID, periodID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("financing taken: %w", err)
	}
	return n, nil
}

// placeFree reports whether one more financing certificate fits the quota
// and nobody waits before it.
func placeFree(ctx context.Context, tx *Tx, municipalityID, periodID int64) (bool, error) {
	quota, taken, set, err := quotaState(ctx, tx, municipalityID, periodID)
	if err != nil || !set {
		return !set, err
	}
	var waiting int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM financing_queue WHERE municipality_id = ? AND period_id = ? AND served_at IS NULL",
		municipalityID, periodID).Scan(&waiting); err != nil {
		return false, fmt.Errorf("queue: %w", err)
	}
	return taken < quota && waiting == 0, nil
}

// enqueueFinancing puts a certificate's request in the queue (once) and
// returns its place in it, from 1.
func enqueueFinancing(ctx context.Context, tx *Tx, certificateID, municipalityID, periodID int64) (int, error) {
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM financing_queue WHERE certificate_id = ? AND period_id = ? AND served_at IS NULL",
		certificateID, periodID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id, err = tx.InsertID(ctx, "INSERT INTO financing_queue (certificate_id, municipality_id, period_id, requested_at) VALUES (?, ?, ?, ?)",
			certificateID, municipalityID, periodID, tx.Now())
		if isUnique(err, "") {
			return 0, navigator.Errorf(navigator.KindConflict, "Запрос сертификата финансирования на этот период уже был обслужен.")
		}
	}
	if err != nil {
		return 0, fmt.Errorf("enqueue financing: %w", err)
	}
	var pos int
	err = tx.QueryRow(ctx, "SELECT count(*) FROM financing_queue WHERE municipality_id = ? AND period_id = ? AND served_at IS NULL AND id <= ?",
		municipalityID, periodID, id).Scan(&pos)
	return pos, err
}

// queuePosition is a certificate's place in the financing queue of the
// current period, 0 when it does not wait.
func queuePosition(ctx context.Context, tx *Tx, certificateID int64) (int, error) {
	var pos int
	err := tx.QueryRow(ctx, `SELECT count(*) FROM financing_queue q, financing_queue mine
		JOIN periods p ON p.id = mine.period_id AND p.is_current = TRUE
		WHERE mine.certificate_id = ? AND mine.served_at IS NULL
		AND q.municipality_id = mine.municipality_id AND q.period_id = mine.period_id AND q.served_at IS NULL AND q.id <= mine.id`,
		certificateID).Scan(&pos)
	return pos, err
}

// serveQueue gives free places to the queue in order of arrival: each
// waiting certificate that is still an active accounting one becomes a
// financing certificate with the municipality's nominal, and its parent
// gets a letter. It returns how many were served.
func serveQueue(ctx context.Context, tx *Tx, municipalityID, periodID int64) (int, error) {
	quota, taken, set, err := quotaState(ctx, tx, municipalityID, periodID)
	if err != nil || !set {
		return 0, err
	}
	var nominal navigator.Money
	if err := tx.QueryRow(ctx, "SELECT financing_nominal FROM municipality_periods WHERE municipality_id = ? AND period_id = ?",
		municipalityID, periodID).Scan(&nominal); err != nil {
		return 0, fmt.Errorf("nominal: %w", err)
	}
	served := 0
	for taken < quota {
		var qid, certID int64
		err := tx.QueryRow(ctx, `SELECT id, certificate_id FROM financing_queue WHERE municipality_id = ? AND period_id = ? AND served_at IS NULL
			ORDER BY id LIMIT 1`, municipalityID, periodID).Scan(&qid, &certID)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return served, fmt.Errorf("queue head: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE financing_queue SET served_at = ? WHERE id = ?", tx.Now(), qid); err != nil {
			return served, err
		}
		res, err := tx.Exec(ctx, `UPDATE certificates SET type = 'financing', nominal = ?, balance = ?, reserve = 0, period_id = ?, type_changed_at = ?
			WHERE id = ? AND type = 'accounting' AND status = 'active'`, int64(nominal), int64(nominal), periodID, tx.Now(), certID)
		if err != nil {
			return served, fmt.Errorf("serve queue: %w", mapError(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // closed, frozen or changed meanwhile: the place goes on
		}
		social, err := socialNominal(ctx, tx, certID, municipalityID, periodID, "Объём социального сертификата на период: место в квоте")
		if err != nil {
			return served, err
		}
		if nominal > 0 && !social {
			if err := ledger(ctx, tx, certID, periodID, "nominal", nominal, "Номинал на период: место в квоте"); err != nil {
				return served, err
			}
		}
		if err := certificateLetter(ctx, tx, certID, nominal, "Ваш сертификат стал сертификатом финансирования",
			"Освободилось место в квоте сертификатов финансирования, и ваш запрос из очереди выполнен: сертификат № %s теперь сертификат финансирования с номиналом %s. Им можно оплачивать сертифицированные программы."); err != nil {
			return served, err
		}
		taken++
		served++
	}
	return served, nil
}

// certificateLetter queues a letter about a certificate to its child's
// parent; body has two %s: the number and the amount.
func certificateLetter(ctx context.Context, tx *Tx, certID int64, amount navigator.Money, subject, body string) error {
	var number, email string
	var hours navigator.Hours
	err := tx.QueryRow(ctx, `SELECT s.number, u.email, CASE WHEN s.unit = 'hour' THEN s.hours_nominal ELSE 0 END FROM certificates s
		JOIN children c ON c.id = s.child_id JOIN site_users u ON u.id = c.site_user_id WHERE s.id = ?`, certID).Scan(&number, &email, &hours)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("certificate letter: %w", err)
	}
	figure := amount.Russian()
	if hours > 0 { // a social certificate: its volume in hours
		figure = hours.Russian()
	}
	return queueMail(ctx, tx, Mail{To: email, Subject: subject,
		Body: "Здравствуйте!\n\n" + fmt.Sprintf(body, number, figure) + "\n\nСертификат и его баланс — в личном кабинете.\n"})
}

// serveAllQueues serves the queues of every municipality of the current
// period, after places may have freed anywhere.
func serveAllQueues(ctx context.Context, tx *Tx) (int, error) {
	rows, err := tx.Query(ctx, `SELECT DISTINCT q.municipality_id, q.period_id FROM financing_queue q
		JOIN periods p ON p.id = q.period_id AND p.is_current = TRUE WHERE q.served_at IS NULL`)
	if err != nil {
		return 0, err
	}
	type key struct{ mun, period int64 }
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.mun, &k.period); err != nil {
			rows.Close()
			return 0, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	total := 0
	for _, k := range keys {
		n, err := serveQueue(ctx, tx, k.mun, k.period)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
