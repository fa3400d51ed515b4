package service

import (
	"context"
	"time"

	"navigator"
	"navigator/internal/store"
)

// The server's few needs that are not a person's data: the clock, the
// health of the database, the figures /metrics reads and, in demo mode,
// the outbox. They pass through here so that the server holds only the
// service and never the store.

// Now is the database's clock: the time the store stamps on what it
// writes, which tests may move.
func (s *Service) Now() time.Time { return s.db.Now() }

// Today is the date in the region by the database's clock.
func (s *Service) Today() navigator.Date { return navigator.Today(s.db.Now()) }

// Ping says whether the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.db.Ping(ctx) }

// SchemaStatus is the schema's version and the one this binary knows.
func (s *Service) SchemaStatus(ctx context.Context) (current, target int64, err error) {
	return s.db.SchemaStatus(ctx)
}

// ProbeWrite commits one small write, for /readyz.
func (s *Service) ProbeWrite(ctx context.Context, now time.Time) error {
	return s.db.ProbeWrite(ctx, now)
}

// Figures are the region's aggregate figures for /metrics: no person's
// data.
func (s *Service) Figures(ctx context.Context) (*store.Figures, error) { return s.db.Figures(ctx) }

// DemoOutbox is the latest letters of the outbox, for demo mode's
// «Почта» page; the caller checks that the server runs in demo mode.
func (s *Service) DemoOutbox(ctx context.Context, limit int) ([]Mail, error) {
	return s.db.Outbox(ctx, limit)
}

// AuditRefusal records that a request was refused access: who (role and
// id, or anonymous), from where and which route.
func (s *Service) AuditRefusal(ctx context.Context, role string, actorID int64, ip, route string) error {
	return s.db.Audit(ctx, store.AuditEntry{ActorRole: role, ActorID: actorID, Action: "access_refused", IP: ip, Details: route})
}
