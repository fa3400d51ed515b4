package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns a region setting's value, or def when it is not set.
func (db *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := db.queryRow(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a region setting with the audit entry of the change.
func (db *DB) SetSetting(ctx context.Context, key, value string, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value); err != nil {
			return fmt.Errorf("set setting %s: %w", key, err)
		}
		if audit != nil {
			e := *audit
			e.Details = key + "=" + value
			return auditSubject(ctx, tx, &e, "setting", 0)
		}
		return nil
	})
}
