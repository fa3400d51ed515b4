package store

import (
	"context"
	"fmt"

	"navigator"
)

// periodRegime is a municipality's regime in a period and the hours of
// its social certificate then.
func periodRegime(ctx context.Context, tx *Tx, municipalityID, periodID int64) (navigator.Regime, navigator.Hours, error) {
	var regime string
	var hours navigator.Hours
	if err := tx.QueryRow(ctx, `SELECT COALESCE((SELECT regime FROM municipality_periods WHERE municipality_id = ? AND period_id = ?), 'pfdo'),
		COALESCE((SELECT social_hours FROM municipality_periods WHERE municipality_id = ? AND period_id = ?), 0)`,
		municipalityID, periodID, municipalityID, periodID).Scan(&regime, &hours); err != nil {
		return "", 0, fmt.Errorf("regime of municipality %d: %w", municipalityID, err)
	}
	return navigator.Regime(regime), hours, nil
}

// socialNominal makes a financing certificate of a municipality in the
// social regime a social certificate for the period: counted in hours,
// with the municipality's hours for the period (or its child's age
// range's), written to its ledger.
// In the ПФДО regime it does nothing. What the certificate's roubles hold
// for contracts made before stays as it is.
func socialNominal(ctx context.Context, tx *Tx, certID, municipalityID, periodID int64, note string) (bool, error) {
	regime, hours, err := periodRegime(ctx, tx, municipalityID, periodID)
	if err != nil || regime != navigator.RegimeSocial {
		return false, err
	}
	if hours, err = certificateHours(ctx, tx, certID, municipalityID, periodID, hours); err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, "UPDATE certificates SET unit = 'hour', hours_nominal = ?, hours_balance = ?, nominal = 0, balance = 0 WHERE id = ?",
		int64(hours), int64(hours), certID); err != nil {
		return false, fmt.Errorf("social certificate: %w", mapError(err))
	}
	if hours > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, note, created_at, unit) VALUES (?, ?, 'nominal', ?, ?, ?, 'hour')`,
			certID, periodID, int64(hours), note, tx.Now()); err != nil {
			return false, fmt.Errorf("ledger: %w", mapError(err))
		}
	}
	return true, nil
}

// expireHours ends a social certificate's hours left in a period, as the
// roubles of ПФДО are: they do not carry over.
func expireHours(ctx context.Context, tx *Tx, certID, periodID int64, note string) error {
	var left navigator.Hours
	if err := tx.QueryRow(ctx, "SELECT hours_balance FROM certificates WHERE id = ?", certID).Scan(&left); err != nil {
		return fmt.Errorf("hours left: %w", err)
	}
	if left <= 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, note, created_at, unit) VALUES (?, ?, 'expire', ?, ?, ?, 'hour')`,
		certID, periodID, int64(left), note, tx.Now()); err != nil {
		return fmt.Errorf("ledger: %w", mapError(err))
	}
	_, err := tx.Exec(ctx, "UPDATE certificates SET hours_balance = 0, hours_nominal = 0, unit = 'rub' WHERE id = ?", certID)
	return err
}

// hoursByAge reads a municipality's volumes by age for a period.
func hoursByAge(ctx context.Context, tx *Tx, municipalityID, periodID int64) ([]navigator.AgeHours, error) {
	out := []navigator.AgeHours{}
	rows, err := tx.Query(ctx, "SELECT age_from, age_to, hours FROM social_hours_by_age WHERE municipality_id = ? AND period_id = ? ORDER BY age_from",
		municipalityID, periodID)
	if err != nil {
		return nil, fmt.Errorf("hours by age: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a navigator.AgeHours
		if err := rows.Scan(&a.AgeFrom, &a.AgeTo, &a.Hours); err != nil {
			return nil, fmt.Errorf("hours by age: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// saveHoursByAge replaces a municipality's volumes by age for a period.
func saveHoursByAge(ctx context.Context, tx *Tx, municipalityID, periodID int64, ranges []navigator.AgeHours) error {
	if _, err := tx.Exec(ctx, "DELETE FROM social_hours_by_age WHERE municipality_id = ? AND period_id = ?", municipalityID, periodID); err != nil {
		return fmt.Errorf("hours by age: %w", err)
	}
	for _, a := range ranges {
		if _, err := tx.Exec(ctx, "INSERT INTO social_hours_by_age (municipality_id, period_id, age_from, age_to, hours) VALUES (?, ?, ?, ?, ?)",
			municipalityID, periodID, a.AgeFrom, a.AgeTo, int64(a.Hours)); err != nil {
			return fmt.Errorf("hours by age: %w", mapError(err))
		}
	}
	return nil
}

// certificateHours is the volume of a certificate's child for a period:
// its age range's, else the municipality's.
func certificateHours(ctx context.Context, tx *Tx, certID, municipalityID, periodID int64, def navigator.Hours) (navigator.Hours, error) {
	ranges, err := hoursByAge(ctx, tx, municipalityID, periodID)
	if err != nil || len(ranges) == 0 {
		return def, err
	}
	var birth, starts navigator.Date
	if err := tx.QueryRow(ctx, `SELECT c.birth_date, p.starts_on FROM certificates s JOIN children c ON c.id = s.child_id, periods p
		WHERE s.id = ? AND p.id = ?`, certID, periodID).Scan(&birth, &starts); err != nil {
		return 0, fmt.Errorf("age of certificate %d: %w", certID, err)
	}
	return navigator.HoursForAge(ranges, birth.AgeOn(starts), def), nil
}
