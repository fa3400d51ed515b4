package jobs

import (
	"context"
	"time"
)

// Claims is where servers sharing one database claim the due times of the
// tasks (store.DB: the job_runs table). ClaimJobRun reports whether this
// server won the run, refused while a run of the task younger than lease
// is unfinished; FinishJobRun records how the run ended.
type Claims interface {
	ClaimJobRun(ctx context.Context, task string, due time.Time, server string, lease time.Duration) (bool, error)
	FinishJobRun(ctx context.Context, task string, due time.Time, changed int64, runErr error) error
}

// lease is how long an unfinished run keeps the next ones from starting:
// two periods, and at least a minute, after which its server is taken for
// dead.
func lease(every time.Duration) time.Duration { return max(2*every, time.Minute) }
