// Package jobs runs the Навигатор's periodic work inside the server. Each
// task is due at the start of every period of its own (every hour on the
// hour, every ten minutes…). With several servers on one database each
// due time is claimed in the database first (claim.go), so that one
// server runs it, whichever servers are up; the tasks are idempotent
// besides, so a run repeated after a crash changes nothing twice.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"navigator"
	"navigator/internal/store"
)

// Task is one periodic piece of work.
type Task struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context, now time.Time) (int64, error)
	// OwnLeases says the task shares its work between servers by itself
	// (the report queue's leases), so every server runs it unclaimed.
	OwnLeases bool
}

// Tasks are the server's periodic tasks.
func Tasks(db *store.DB) []Task {
	return []Task{
		{Name: "close_adult_certificates", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			return db.CloseAdultCertificates(ctx, navigator.Today(now))
		}},
		{Name: "charge_month", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			sum, err := db.ChargeMonth(ctx, now.In(navigator.Zone).Format("2006-01"))
			if sum == nil {
				return 0, err
			}
			return int64(sum.Charged + sum.Ended), err
		}},
		// An offer not accepted by its last day lapses the next day and its
		// seat goes to the wait list.
		{Name: "expire_contract_offers", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			return db.ExpireContractOffers(ctx, navigator.Today(now))
		}},
		{Name: "roll_period", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			rolled, err := db.RollPeriod(ctx, navigator.Today(now))
			if rolled {
				return 1, err
			}
			return 0, err
		}},
		{Name: "convert_unused_financing", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			return db.ConvertUnusedFinancing(ctx, now)
		}},
		{Name: "recount_free_seats", Every: time.Hour, Run: func(ctx context.Context, _ time.Time) (int64, error) {
			return db.RecountFreeSeats(ctx)
		}},
		{Name: "delete_expired_sessions", Every: 10 * time.Minute, Run: func(ctx context.Context, _ time.Time) (int64, error) {
			return db.DeleteExpiredSessions(ctx)
		}},
		// The longest window of any attempt limit is an hour.
		{Name: "purge_rate_counters", Every: 10 * time.Minute, Run: func(ctx context.Context, now time.Time) (int64, error) {
			return db.PurgeAttempts(ctx, now.Add(-24*time.Hour))
		}},
		// A sign-up whose link expired is forgotten a day later.
		{Name: "purge_registrations", Every: time.Hour, Run: func(ctx context.Context, _ time.Time) (int64, error) {
			return db.PurgeRegistrations(ctx)
		}},
		// The claims of the runs are kept two days, to see who ran what.
		{Name: "purge_job_runs", Every: time.Hour, Run: func(ctx context.Context, now time.Time) (int64, error) {
			return db.PurgeJobRuns(ctx, now.Add(-48*time.Hour))
		}},
	}
}

// Options are how Run runs the tasks.
type Options struct {
	// Claims, when not nil, decides which server runs a due time: the
	// database of several servers. Without it every due time runs here.
	Claims Claims
	// Server names this server in the claims (host:pid when empty).
	Server string
	// Observe, when not nil, hears of every run (the metrics).
	Observe func(name string, changed int64, err error, d time.Duration)
	// Every, when positive, is the period of every task instead of its
	// own: only for tests that watch several servers share the runs.
	Every time.Duration
}

// Run runs each task for the period it starts in and then at the start
// of every period, until ctx ends.
func Run(ctx context.Context, log *slog.Logger, tasks []Task, o Options) {
	if o.Server == "" {
		o.Server = ServerName()
	}
	for _, t := range tasks {
		if o.Every > 0 {
			t.Every = o.Every
		}
		go loop(ctx, log, t, o)
	}
}

// ServerName is this process as the claims name it: host:pid.
func ServerName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

func loop(ctx context.Context, log *slog.Logger, t Task, o Options) {
	due := time.Now().Truncate(t.Every)
	for {
		runDue(ctx, log, t, o, due, time.Now())
		// Wake at the start of the next period: every server wakes at
		// the same instant and the claim picks one of them. A run that
		// outlasted its period is followed at once by the next one; of
		// periods wholly missed (a machine asleep) only the latest runs.
		next := due.Add(t.Every)
		if now := time.Now().Truncate(t.Every); now.After(next) {
			next = now
		}
		timer := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
		due = next
	}
}

// runDue runs the task for one due time, if this server wins its claim.
func runDue(ctx context.Context, log *slog.Logger, t Task, o Options, due, now time.Time) {
	claimed := o.Claims != nil && !t.OwnLeases
	if claimed {
		won, err := o.Claims.ClaimJobRun(ctx, t.Name, due, o.Server, lease(t.Every))
		if err != nil && ctx.Err() == nil {
			log.Error("job claim failed", slog.String("job", t.Name), slog.Any("error", err))
		}
		if err != nil || !won {
			return
		}
	}
	n, err := t.Run(ctx, now)
	if o.Observe != nil && ctx.Err() == nil {
		o.Observe(t.Name, n, err, time.Since(now))
	}
	if claimed {
		// Recorded even when the server is stopping: a run cut short says so.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		if ferr := o.Claims.FinishJobRun(fctx, t.Name, due, n, err); ferr != nil {
			log.Error("job finish not recorded", slog.String("job", t.Name), slog.Any("error", ferr))
		}
		cancel()
	}
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("job failed", slog.String("job", t.Name), slog.Any("error", err))
	case n > 0:
		log.Info("job done", slog.String("job", t.Name), slog.Int64("changed", n))
	}
}
