package jobs

import (
	"context"
	"time"
)

// Claims is where servers sharing one database claim the due times of the
// tasks (store.DB: the job_runs table). ClaimJobRun reports whether this
// server won the run; FinishJobRun records how the run ended.
type Claims interface {
	ClaimJobRun(ctx context.Context, task string, due time.Time, server string) (bool, error)
	FinishJobRun(ctx context.Context, task string, due time.Time, changed int64, runErr error) error
}
