package store

import (
	"context"
	"fmt"
	"time"
)

// ProbeWrite writes and commits one tiny row, so that a database that
// answers reads but cannot write (a full disk, a read-only file system, a
// standby after fail-over) is known before a parent's application fails.
func (db *DB) ProbeWrite(ctx context.Context, now time.Time) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO liveness (id, written_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at`, now.UnixNano()); err != nil {
			return fmt.Errorf("probe write: %w", err)
		}
		return nil
	})
}
