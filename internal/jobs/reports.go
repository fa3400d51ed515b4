package jobs

import (
	"context"
	"time"

	"navigator/internal/service"
)

// Reports makes the reports staff ordered in the background: every few
// seconds it takes the queued report jobs from the database one by one.
// Jobs are durable: a server that stops mid-report leaves the job to be
// taken again once its lease ends.
func Reports(svc *service.Service, every time.Duration) Task {
	worker := ServerName()
	return Task{Name: "report_jobs", Every: every, OwnLeases: true, Run: func(ctx context.Context, _ time.Time) (int64, error) {
		return svc.RunReportJobs(ctx, worker)
	}}
}
