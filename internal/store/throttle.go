package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Throttle policy for signing in: after Limit failures within Window, a
// key is locked for Lockout.
type Throttle struct {
	Limit   int
	Window  time.Duration
	Lockout time.Duration
}

// LockedFor returns how long the keys are still locked, the longest of
// them; zero when none is.
func (db *DB) LockedFor(ctx context.Context, keys ...string) (time.Duration, error) {
	now := db.Now()
	var longest time.Duration
	for _, k := range keys {
		var until sql.NullTime
		err := db.queryRow(ctx, "SELECT locked_until FROM login_failures WHERE key = ?", k).Scan(&until)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("throttle: %w", err)
		}
		if until.Valid && until.Time.After(now) && until.Time.Sub(now) > longest {
			longest = until.Time.Sub(now)
		}
	}
	return longest, nil
}

// RecordFailure counts a failed sign-in against each key and locks the
// keys that reach the limit.
func (db *DB) RecordFailure(ctx context.Context, t Throttle, keys ...string) error {
	return db.Update(ctx, func(tx *Tx) error {
		now := tx.Now()
		for _, k := range keys {
			var failures int
			var start time.Time
			err := tx.QueryRow(ctx, "SELECT failures, window_start FROM login_failures WHERE key = ?", k).Scan(&failures, &start)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				failures, start = 0, now
			case err != nil:
				return err
			case now.Sub(start) > t.Window:
				failures, start = 0, now
			}
			failures++
			var locked any
			if failures >= t.Limit {
				locked = now.Add(t.Lockout)
				failures, start = 0, now
			}
			if _, err := tx.Exec(ctx, `INSERT INTO login_failures (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
					locked_until = COALESCE(excluded.locked_until, login_failures.locked_until)`, k, failures, start, locked); err != nil {
				return fmt.Errorf("throttle: %w", err)
			}
		}
		return nil
	})
}

// ClearFailures forgets the failures of the keys after a good sign-in.
func (db *DB) ClearFailures(ctx context.Context, keys ...string) error {
	return db.Update(ctx, func(tx *Tx) error {
		for _, k := range keys {
			if _, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE key = ? AND (locked_until IS NULL OR locked_until < ?)", k, tx.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}
