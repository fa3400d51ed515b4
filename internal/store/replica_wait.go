package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// WaitReplayed waits until every streaming replica at urls has replayed
// the primary's WAL up to where it ends now: whatever was committed
// before the call can then be read from each of them. It is for the
// benchmarks, which fill the primary and then measure reads served by
// the replicas; a server does not wait, its lag watcher skips a replica
// that is behind. A URL that is not a replica (pg_is_in_recovery is
// false) is an error at once; one that cannot be reached is asked again
// until ctx ends.
func (db *DB) WaitReplayed(ctx context.Context, urls []string) error {
	if db.engine != Postgres {
		return errors.New("replicas need PostgreSQL")
	}
	var pos string
	if err := db.write.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&pos); err != nil {
		return fmt.Errorf("the primary's WAL position: %w", err)
	}
	target, err := parseLSN(pos)
	if err != nil {
		return err
	}
	for _, u := range urls {
		if err := waitReplayedOne(ctx, u, target); err != nil {
			return fmt.Errorf("replica %s: %w", replicaName(u), err)
		}
	}
	return nil
}

func waitReplayedOne(ctx context.Context, u string, target uint64) error {
	pool, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1)
	var last error
	for {
		var recovering bool
		var pos *string
		err := pool.QueryRowContext(ctx, "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text").Scan(&recovering, &pos)
		switch {
		case err == nil && !recovering:
			return errors.New("not a streaming replica (pg_is_in_recovery is false)")
		case err == nil && pos != nil:
			lsn, err := parseLSN(*pos)
			if err != nil {
				return err
			}
			if lsn >= target {
				return nil
			}
			last = fmt.Errorf("replayed up to %s", *pos)
		case err != nil:
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("has not replayed the primary's WAL: %w (last: %v)", ctx.Err(), last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
