package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// ReportJob is a report made in the background: a row of the durable
// jobs table (kind "report") with its file in report_files.
type ReportJob struct {
	ID          int64
	StaffID     int64
	Report      string
	Format      string
	Title       string
	Payload     string // JSON: the report's name, format and scoped filter
	Progress    int
	Result      string // "ok", "empty" or "failed" once done
	LastError   string
	Attempts    int
	MaxAttempts int
	Running     bool // claimed by a worker whose lease has not run out
	Done        bool
	Filename    string
	ContentType string
	Rows        int
	CreatedAt   time.Time
}

// Status is the job's state: queued, running, done, empty or failed.
func (j *ReportJob) Status() string {
	switch {
	case j.Done && j.Result == "ok":
		return "done"
	case j.Done && j.Result == "empty":
		return "empty"
	case j.Done:
		return "failed"
	case j.Running:
		return "running"
	}
	return "queued"
}

// JobKindReport is the kind of report jobs in the jobs table.
const JobKindReport = "report"

// EnqueueReport queues a report for the staff account and returns the
// job's ID.
func (db *DB) EnqueueReport(ctx context.Context, staffID int64, name, format, title, payload string) (int64, error) {
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.InsertID(ctx, "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES (?, ?, ?, 3, ?)",
			JobKindReport, payload, tx.Now(), tx.Now())
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "INSERT INTO report_files (job_id, staff_id, report, format, title, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			id, staffID, name, format, title, tx.Now())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue report %s: %w", name, mapError(err))
	}
	return id, nil
}

// ClaimReportJob takes the oldest report job that is due and not held by
// a live worker, for the lease: a worker that dies leaves it to be taken
// again once the lease ends, up to its attempts. It returns nil when
// there is nothing to do.
func (db *DB) ClaimReportJob(ctx context.Context, worker string, lease time.Duration) (*ReportJob, error) {
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		now := tx.Now()
		// A job whose attempts ran out while a worker held it is failed.
		if _, err := tx.Exec(ctx, `UPDATE jobs SET done_at = ?, result = 'failed' WHERE kind = ? AND done_at IS NULL
			AND attempts >= max_attempts AND (locked_until IS NULL OR locked_until < ?)`, now, JobKindReport, now); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `UPDATE jobs SET locked_until = ?, locked_by = ?, attempts = attempts + 1
			WHERE id = (SELECT id FROM jobs WHERE kind = ? AND done_at IS NULL AND run_at <= ? AND attempts < max_attempts
				AND (locked_until IS NULL OR locked_until < ?) ORDER BY id LIMIT 1)
			AND (locked_until IS NULL OR locked_until < ?) RETURNING id`,
			now.Add(lease), worker, JobKindReport, now, now, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil || id == 0 {
		if err != nil {
			err = fmt.Errorf("claim report job: %w", err)
		}
		return nil, err
	}
	return db.ReportJob(ctx, id)
}

// SetJobProgress records how far a job has got, 0…100.
func (db *DB) SetJobProgress(ctx context.Context, id int64, progress int) error {
	progress = min(max(progress, 0), 100)
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE jobs SET progress = ? WHERE id = ? AND done_at IS NULL", progress, id)
		return err
	})
}

// FinishReportJob stores the file (none for an empty report) and marks
// the job done with the result "ok" or "empty".
func (db *DB) FinishReportJob(ctx context.Context, id int64, result, filename, contentType string, body []byte, rows int) error {
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE report_files SET filename = ?, content_type = ?, body = ?, row_count = ?, finished_at = ? WHERE job_id = ?",
			filename, contentType, body, rows, tx.Now(), id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE jobs SET progress = 100, result = ?, done_at = ?, locked_until = NULL, last_error = '' WHERE id = ?",
			result, tx.Now(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("finish report job %d: %w", id, err)
	}
	return nil
}

// FailJob records a failed attempt; the job runs again later until its
// attempts run out, and then is done as failed.
func (db *DB) FailJob(ctx context.Context, id int64, reason string, retryIn time.Duration) error {
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE jobs SET last_error = ?, locked_until = NULL, run_at = ? WHERE id = ?",
			reason, tx.Now().Add(retryIn), id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE jobs SET done_at = ?, result = 'failed' WHERE id = ? AND attempts >= max_attempts", tx.Now(), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("fail job %d: %w", id, err)
	}
	return nil
}

const reportJobColumns = `j.id, f.staff_id, f.report, f.format, f.title, j.payload, j.progress, j.result, j.last_error, j.attempts,
	j.max_attempts, j.locked_until, j.done_at, f.filename, f.content_type, f.row_count, j.created_at`

func scanReportJob(scan func(...any) error, now time.Time) (*ReportJob, error) {
	var j ReportJob
	var locked, done sql.NullTime
	if err := scan(&j.ID, &j.StaffID, &j.Report, &j.Format, &j.Title, &j.Payload, &j.Progress, &j.Result, &j.LastError, &j.Attempts,
		&j.MaxAttempts, &locked, &done, &j.Filename, &j.ContentType, &j.Rows, &j.CreatedAt); err != nil {
		return nil, err
	}
	j.Done = done.Valid
	j.Running = !j.Done && locked.Valid && locked.Time.After(now)
	return &j, nil
}

// ReportJob returns a report job, or not found.
func (db *DB) ReportJob(ctx context.Context, id int64) (*ReportJob, error) {
	var j *ReportJob
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		j, err = scanReportJob(tx.QueryRow(ctx, "SELECT "+reportJobColumns+" FROM jobs j JOIN report_files f ON f.job_id = j.id WHERE j.id = ?", id).Scan, tx.Now())
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Отчёт не найден.")
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("report job %d: %w", id, err)
	}
	return j, nil
}

// ReportJobsOf returns a staff account's newest report jobs.
func (db *DB) ReportJobsOf(ctx context.Context, staffID int64, limit int) ([]*ReportJob, error) {
	out := []*ReportJob{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+reportJobColumns+" FROM jobs j JOIN report_files f ON f.job_id = j.id WHERE f.staff_id = ? ORDER BY j.id DESC LIMIT ?",
			staffID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			j, err := scanReportJob(rows.Scan, tx.Now())
			if err != nil {
				return err
			}
			out = append(out, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report jobs of %d: %w", staffID, err)
	}
	return out, nil
}

// ReportFile returns a finished report's file.
func (db *DB) ReportFile(ctx context.Context, id int64) (filename, contentType string, body []byte, err error) {
	err = db.queryRow(ctx, "SELECT filename, content_type, body FROM report_files WHERE job_id = ? AND body IS NOT NULL", id).Scan(&filename, &contentType, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil, navigator.NotFound("Файл отчёта ещё не готов или не найден.")
	}
	if err != nil {
		return "", "", nil, fmt.Errorf("report file %d: %w", id, err)
	}
	return filename, contentType, body, nil
}
