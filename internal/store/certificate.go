package store

import (
	"context"
	"fmt"
)

// nextCertificateNumber takes the next number of the municipality's
// counter inside tx: region code, municipality code, six digits. The
// counter row is written in the same transaction as the certificate, so a
// number is never handed out twice nor reused after a rollback leaves a
// gap (gaps are allowed; reuse is not).
func nextCertificateNumber(ctx context.Context, tx *Tx, municipalityID int64) (string, error) {
	var region, mun string
	if err := tx.QueryRow(ctx, `SELECT r.code, m.code FROM region r, municipalities m WHERE r.id = 1 AND m.id = ?`,
		municipalityID).Scan(&region, &mun); err != nil {
		return "", fmt.Errorf("certificate number: region or municipality %d: %w", municipalityID, mapError(err))
	}
	var n int64
	if err := tx.QueryRow(ctx, `INSERT INTO certificate_counters (municipality_id, last_value) VALUES (?, 1)
		ON CONFLICT (municipality_id) DO UPDATE SET last_value = certificate_counters.last_value + 1
		RETURNING last_value`, municipalityID).Scan(&n); err != nil {
		if c, _ := violation(err); c == checkViolation {
			return "", fmt.Errorf("certificate numbers of municipality %s are exhausted", mun)
		}
		return "", fmt.Errorf("certificate number: %w", err)
	}
	return fmt.Sprintf("%s%s%06d", region, mun, n), nil
}
