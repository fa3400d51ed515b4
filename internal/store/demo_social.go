package store

import (
	"context"
	"fmt"

	"navigator"
	"navigator/internal/demo"
)

// socialOrder writes a demo municipality's social order and the regime it
// chose, when it works by the social certificate.
func (s *seeder) socialOrder(ctx context.Context, munID int64, m demo.Municipality) error {
	lines := demo.SocialOrder(m)
	if len(lines) == 0 {
		return nil
	}
	if _, err := s.tx.Exec(ctx, "INSERT INTO municipality_regimes (municipality_id, starts_year, regime) VALUES (?, ?, 'social')",
		munID, demoPeriod.start.Time().Year()); err != nil {
		return fmt.Errorf("regime: %w", err)
	}
	for _, l := range lines {
		if _, err := s.tx.Exec(ctx, `INSERT INTO social_orders (municipality_id, year, direction, method, hours, children, hour_cost, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, munID, l.Year, l.Direction, l.Method, l.Hours, l.Children, l.HourCost, s.tx.Now()); err != nil {
			return fmt.Errorf("social order: %w", err)
		}
	}
	return nil
}

// socialExecutors includes the providers of each municipality that works by
// the social certificate in its registry of executors.
func (s *seeder) socialExecutors(ctx context.Context, r *demo.Region) error {
	for _, o := range r.Organizations {
		if !o.IsProvider || s.social[s.mun[o.MunicipalityCode]] == 0 {
			continue
		}
		if _, err := s.tx.Exec(ctx, `INSERT INTO executors (organization_id, municipality_id, status, checklist, applied_at, decided_at, included_on)
			VALUES (?, ?, 'included', '{}', ?, ?, ?)`, s.org[o.Key], s.mun[o.MunicipalityCode], s.tx.Now(), s.tx.Now(),
			navigator.DateOf(demoPeriod.opens)); err != nil {
			return fmt.Errorf("executor %s: %w", o.Key, err)
		}
	}
	return nil
}
