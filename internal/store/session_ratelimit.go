package store

import (
	"context"
	"fmt"
	"time"
)

// TakeAttempt counts one attempt against key in a fixed window of the given
// length and reports whether it is within limit. It is one atomic statement
// on both engines, so however many requests arrive at once, at most limit of
// them are ever told ok in a window. When the attempt is over the limit,
// retryAfter is how long until the window ends. Call it before the work it
// guards, never after.
func (db *DB) TakeAttempt(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error) {
	var hits int
	var start, now time.Time
	err = db.Update(ctx, func(tx *Tx) error {
		now = tx.Now()
		return tx.QueryRow(ctx, `INSERT INTO rate_counters (key, hits, window_start) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			hits = CASE WHEN rate_counters.window_start <= ? THEN 1 ELSE rate_counters.hits + 1 END,
			window_start = CASE WHEN rate_counters.window_start <= ? THEN excluded.window_start ELSE rate_counters.window_start END
		RETURNING hits, window_start`, key, now, now.Add(-window), now.Add(-window)).Scan(&hits, &start)
	})
	if err != nil {
		return false, 0, fmt.Errorf("rate limit: %w", err)
	}
	if hits <= limit {
		return true, 0, nil
	}
	wait := start.Add(window).Sub(now)
	if wait < time.Second {
		wait = time.Second
	}
	return false, wait, nil
}

// ForgetAttempts drops the counters of the keys, e.g. an account's after a
// good sign-in.
func (db *DB) ForgetAttempts(ctx context.Context, keys ...string) error {
	return db.Update(ctx, func(tx *Tx) error {
		for _, k := range keys {
			if _, err := tx.Exec(ctx, "DELETE FROM rate_counters WHERE key = ?", k); err != nil {
				return fmt.Errorf("rate limit: %w", err)
			}
		}
		return nil
	})
}

// RefundAttempt takes one counted attempt back from key, as when the
// attempt turned out good: it never clears the key's other attempts.
func (db *DB) RefundAttempt(ctx context.Context, key string) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE rate_counters SET hits = hits - 1 WHERE key = ? AND hits > 0", key); err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
		return nil
	})
}

// PurgeAttempts removes counters whose window started before cutoff and
// says how many.
func (db *DB) PurgeAttempts(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM rate_counters WHERE window_start < ?", cutoff)
		if err != nil {
			return fmt.Errorf("rate limit: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
