package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Several servers on one database each run the periodic tasks (package
// jobs). A task must run once per due time, not once per server: a letter
// sent three times, or a month charged by three servers racing, is not
// made right by idempotency alone. So before a run the server claims the
// task's due time with one INSERT … ON CONFLICT DO NOTHING: the primary
// key lets exactly one insert make the row, on both engines, however many
// servers try at the same instant.

// JobRun is one claimed run of a periodic task.
type JobRun struct {
	Task       string
	DueAt      time.Time
	Server     string
	StartedAt  time.Time
	FinishedAt *time.Time // nil: running, or its server died mid-run
	Changed    int64
	Error      string
}

// ClaimJobRun claims task's run for the due time on behalf of server. It
// reports whether this call won the claim; false means another server
// has (or had) the run, and the caller must not run the task.
//
// A run still going when the next period starts keeps the next claim
// from being won (the outbox's letters would be sent twice by two runs at
// once), unless it began longer than lease ago: its server is taken for
// dead, and the task runs again.
func (db *DB) ClaimJobRun(ctx context.Context, task string, due time.Time, server string, lease time.Duration) (bool, error) {
	var won bool
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO job_runs (task, due_at, server, started_at)
			SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM job_runs WHERE task = ? AND finished_at IS NULL AND started_at > ?)
			ON CONFLICT (task, due_at) DO NOTHING`, task, due.UTC(), server, tx.Now(), task, tx.Now().Add(-lease))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		won = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("claim job %s at %s: %w", task, due.UTC().Format(time.RFC3339), err)
	}
	return won, nil
}

// FinishJobRun records how a claimed run ended.
func (db *DB) FinishJobRun(ctx context.Context, task string, due time.Time, changed int64, runErr error) error {
	var msg sql.NullString
	if runErr != nil {
		msg = sql.NullString{String: runErr.Error(), Valid: true}
	}
	err := db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE job_runs SET finished_at = ?, changed = ?, error = ? WHERE task = ? AND due_at = ?",
			tx.Now(), changed, msg, task, due.UTC())
		return err
	})
	if err != nil {
		return fmt.Errorf("finish job %s: %w", task, err)
	}
	return nil
}

// JobRuns returns the runs of task due at or after since, oldest first.
func (db *DB) JobRuns(ctx context.Context, task string, since time.Time) ([]JobRun, error) {
	var runs []JobRun
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT task, due_at, server, started_at, finished_at, COALESCE(changed, 0), COALESCE(error, '')
			FROM job_runs WHERE task = ? AND due_at >= ? ORDER BY due_at`, task, since.UTC())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r JobRun
			var fin sql.NullTime
			if err := rows.Scan(&r.Task, &r.DueAt, &r.Server, &r.StartedAt, &fin, &r.Changed, &r.Error); err != nil {
				return err
			}
			if fin.Valid {
				r.FinishedAt = &fin.Time
			}
			runs = append(runs, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("job runs of %s: %w", task, err)
	}
	return runs, nil
}

// PurgeJobRuns forgets the runs due before the instant; it returns how
// many it forgot.
func (db *DB) PurgeJobRuns(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM job_runs WHERE due_at < ?", before.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("purge job runs: %w", err)
	}
	return n, nil
}
