// Package jobs runs the Навигатор's periodic work inside the server: each
// task is idempotent, so running it again, or on two servers at once,
// changes nothing twice.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"navigator"
	"navigator/internal/store"
)

// Task is one periodic piece of work.
type Task struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context, now time.Time) (int64, error)
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
	}
}

// Run runs the tasks, each at start and then every period, until ctx ends.
// observe, when not nil, hears of every run (the metrics).
func Run(ctx context.Context, log *slog.Logger, tasks []Task, observe func(name string, changed int64, err error, d time.Duration)) {
	for _, t := range tasks {
		go loop(ctx, log, t, observe)
	}
}

func loop(ctx context.Context, log *slog.Logger, t Task, observe func(string, int64, error, time.Duration)) {
	tick := time.NewTicker(t.Every)
	defer tick.Stop()
	for {
		start := time.Now()
		n, err := t.Run(ctx, start)
		if observe != nil && ctx.Err() == nil {
			observe(t.Name, n, err, time.Since(start))
		}
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error("job failed", slog.String("job", t.Name), slog.Any("error", err))
		case n > 0:
			log.Info("job done", slog.String("job", t.Name), slog.Int64("changed", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
