package service

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"navigator"
	"navigator/internal/report"
	"navigator/internal/store"
)

// reportPayload is what a report job keeps in the jobs table: the filter
// is already narrowed to the requester's scope, so the worker needs no
// actor.
type reportPayload struct {
	Report report.Name   `json:"report"`
	Format string        `json:"format"`
	Filter report.Filter `json:"filter"`
}

// reportLease is how long a worker holds a job before another may take
// it over, as after a crash.
const reportLease = 5 * time.Minute

// EnqueueReport queues a report file to be made in the background for the
// actor, who alone may download it.
func (s *Service) EnqueueReport(ctx context.Context, a navigator.Actor, name report.Name, f report.Filter, format string) (*store.ReportJob, error) {
	if format == "" {
		format = report.FormatXLSX
	}
	if !report.ValidFormat(format) {
		return nil, navigator.Invalid(navigator.FieldError{Field: "format", Code: "unknown", Message: "Формат файла — csv или xlsx."})
	}
	f, err := s.ScopeReport(ctx, a, name, f)
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(reportPayload{Report: name, Format: format, Filter: f})
	if err != nil {
		return nil, fmt.Errorf("report payload: %w", err)
	}
	title := name.Title()
	if name == report.Statement {
		title += ", " + report.MonthTitle(f.Month)
	}
	id, err := s.db.EnqueueReport(ctx, a.ID, string(name), format, title, string(payload))
	if err != nil {
		return nil, err
	}
	return s.db.ReportJob(ctx, id)
}

// ReportJob returns a report job of the actor; another's is not found.
func (s *Service) ReportJob(ctx context.Context, a navigator.Actor, id int64) (*store.ReportJob, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	j, err := s.db.ReportJob(ctx, id)
	if err != nil {
		return nil, err
	}
	if j.StaffID != a.ID {
		return nil, navigator.NotFound("Отчёт не найден.")
	}
	return j, nil
}

// ReportJobs returns the actor's newest report jobs.
func (s *Service) ReportJobs(ctx context.Context, a navigator.Actor) ([]*store.ReportJob, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	return s.db.ReportJobsOf(ctx, a.ID, 20)
}

// ReportJobFile returns the finished file of the actor's report job.
func (s *Service) ReportJobFile(ctx context.Context, a navigator.Actor, id int64) (filename, contentType string, body []byte, err error) {
	j, err := s.ReportJob(ctx, a, id)
	if err != nil {
		return "", "", nil, err
	}
	switch j.Status() {
	case "empty":
		return "", "", nil, errEmptyReport()
	case "done":
		return s.db.ReportFile(ctx, id)
	case "failed":
		return "", "", nil, navigator.Errorf(navigator.KindConflict, "Отчёт не удалось сформировать. Закажите его ещё раз.")
	}
	return "", "", nil, navigator.Errorf(navigator.KindConflict, "Отчёт ещё формируется: готово на %d %%.", j.Progress).WithCode("not_ready")
}

// RunReportJobs makes the queued reports one after another until none is
// left, and returns how many it finished. A failed attempt is retried
// later; a worker that dies leaves its job to another once the lease ends.
func (s *Service) RunReportJobs(ctx context.Context, worker string) (int64, error) {
	var done int64
	for ctx.Err() == nil {
		j, err := s.db.ClaimReportJob(ctx, worker, reportLease)
		if err != nil {
			return done, err
		}
		if j == nil {
			return done, nil
		}
		if err := s.makeReport(ctx, j); err != nil {
			if ferr := s.db.FailJob(context.WithoutCancel(ctx), j.ID, err.Error(), 30*time.Second); ferr != nil {
				return done, ferr
			}
			return done, fmt.Errorf("report job %d: %w", j.ID, err)
		}
		done++
	}
	return done, ctx.Err()
}

// makeReport runs one job, recording its progress as it goes.
func (s *Service) makeReport(ctx context.Context, j *store.ReportJob) error {
	var p reportPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return fmt.Errorf("payload: %w", err)
	}
	steps := []int{10, 50, 80}
	progress := func(i int) error { return s.db.SetJobProgress(ctx, j.ID, steps[i]) }
	if err := progress(0); err != nil {
		return err
	}
	res, err := s.runReport(ctx, p.Report, p.Filter)
	if err != nil {
		return err
	}
	if err := progress(1); err != nil {
		return err
	}
	if res.Empty() {
		return s.db.FinishReportJob(ctx, j.ID, "empty", "", "", nil, 0)
	}
	filename, contentType, body, err := report.File(res, p.Format, s.today())
	if err != nil {
		return err
	}
	if err := progress(2); err != nil {
		return err
	}
	return s.db.FinishReportJob(ctx, j.ID, "ok", filename, contentType, body, res.Total)
}
