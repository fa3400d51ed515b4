package store

import (
	"context"
	"fmt"

	"navigator"
)

// EnrollStaffTOTP puts a sealed TOTP secret in force with a fresh set of
// recovery codes (their hashes), replacing any earlier ones, in one
// transaction. lastStep is the time step of the code that proved the
// enrolment (0 when none), so that code cannot sign in again.
func (db *DB) EnrollStaffTOTP(ctx context.Context, staffID int64, sealed []byte, codeHashes []string, lastStep int64, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		return enrollTOTP(ctx, tx, staffID, sealed, codeHashes, lastStep, audit)
	})
}

func enrollTOTP(ctx context.Context, tx *Tx, staffID int64, sealed []byte, codeHashes []string, lastStep int64, audit *AuditEntry) error {
	res, err := tx.Exec(ctx, "UPDATE staff SET totp_secret = ?, totp_enabled = TRUE, totp_last_step = ? WHERE id = ?", sealed, lastStep, staffID)
	if err != nil {
		return fmt.Errorf("enrol totp: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("enrol totp: no staff %d", staffID)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM staff_recovery_codes WHERE staff_id = ?", staffID); err != nil {
		return fmt.Errorf("recovery codes: %w", err)
	}
	for _, h := range codeHashes {
		if _, err := tx.Exec(ctx, "INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (?, ?)", staffID, h); err != nil {
			return fmt.Errorf("recovery code: %w", err)
		}
	}
	return auditSubject(ctx, tx, audit, "staff", staffID)
}

// StagePendingTOTP stores a secret that is not yet in force, for an
// account that has none in force: the invitation page shows it and the
// account's first code proves it.
func (db *DB) StagePendingTOTP(ctx context.Context, staffID int64, sealed []byte) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE staff SET totp_secret = ? WHERE id = ? AND totp_enabled = FALSE", sealed, staffID)
		return err
	})
}

// StaffTOTPSecret returns the sealed secret of an account (in force or
// pending), nil when it has none.
func (db *DB) StaffTOTPSecret(ctx context.Context, staffID int64) ([]byte, error) {
	var sealed []byte
	if err := db.queryRow(ctx, "SELECT totp_secret FROM staff WHERE id = ?", staffID).Scan(&sealed); err != nil {
		return nil, fmt.Errorf("totp secret: %w", mapError(err))
	}
	return sealed, nil
}

// UseTOTPStep records that the code of a time step signed the account in.
// It reports false when that step or a later one was used already: a code
// works once.
func (db *DB) UseTOTPStep(ctx context.Context, role navigator.Role, id, step int64) (bool, error) {
	table := "staff"
	if role == navigator.RoleParent {
		table = "site_users"
	}
	var ok bool
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE "+table+" SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, id, step)
		if err != nil {
			return fmt.Errorf("use totp step: %w", err)
		}
		n, _ := res.RowsAffected()
		ok = n == 1
		return nil
	})
	return ok, err
}

// UseRecoveryCode spends one recovery code of the account by its hash. It
// reports false for an unknown or spent code.
func (db *DB) UseRecoveryCode(ctx context.Context, staffID int64, codeHash string) (bool, error) {
	var ok bool
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE staff_recovery_codes SET used_at = ? WHERE staff_id = ? AND code_hash = ? AND used_at IS NULL",
			tx.Now(), staffID, codeHash)
		if err != nil {
			return fmt.Errorf("use recovery code: %w", err)
		}
		n, _ := res.RowsAffected()
		ok = n == 1
		return nil
	})
	return ok, err
}

// RecoveryCodesLeft counts the account's unspent recovery codes.
func (db *DB) RecoveryCodesLeft(ctx context.Context, staffID int64) (int, error) {
	var n int
	err := db.queryRow(ctx, "SELECT count(*) FROM staff_recovery_codes WHERE staff_id = ? AND used_at IS NULL", staffID).Scan(&n)
	return n, err
}

// SiteUserTOTP returns a parent's sealed secret (in force or pending) and
// whether it is in force.
func (db *DB) SiteUserTOTP(ctx context.Context, id int64) ([]byte, bool, error) {
	var sealed []byte
	var enabled bool
	if err := db.queryRow(ctx, "SELECT totp_secret, totp_enabled FROM site_users WHERE id = ?", id).Scan(&sealed, &enabled); err != nil {
		return nil, false, fmt.Errorf("site user totp: %w", mapError(err))
	}
	return sealed, enabled, nil
}

// SetSiteUserTOTP stages a parent's pending secret (enabled false, sealed
// set), puts it in force (enabled true, lastStep the step that proved it)
// or turns the second factor off (enabled false, sealed nil).
func (db *DB) SetSiteUserTOTP(ctx context.Context, id int64, sealed []byte, enabled bool, lastStep int64, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var err error
		if enabled {
			_, err = tx.Exec(ctx, "UPDATE site_users SET totp_enabled = TRUE, totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL", lastStep, id)
		} else {
			_, err = tx.Exec(ctx, "UPDATE site_users SET totp_secret = ?, totp_enabled = FALSE WHERE id = ?", sealed, id)
		}
		if err != nil {
			return fmt.Errorf("site user totp: %w", err)
		}
		return auditSubject(ctx, tx, audit, "site_user", id)
	})
}
