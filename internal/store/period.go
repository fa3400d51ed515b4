package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
)

// RollPeriod opens the next period once the current one has ended: the
// municipalities' settings carry over, and each active financing
// certificate's unspent balance expires and the new period's nominal
// comes in, all in one transaction. It returns false when the current
// period is still running, so running it daily is safe.
func (db *DB) RollPeriod(ctx context.Context, today navigator.Date) (bool, error) {
	rolled := false
	err := db.Update(ctx, func(tx *Tx) error {
		var oldID int64
		var endsOn navigator.Date
		var unit string
		err := tx.QueryRow(ctx, "SELECT id, ends_on, unit FROM periods WHERE is_current = TRUE").Scan(&oldID, &endsOn, &unit)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if !endsOn.Before(today) {
			return nil
		}
		start := navigator.DateOf(endsOn.Time().AddDate(0, 0, 1))
		end := navigator.DateOf(start.Time().AddDate(1, 0, -1))
		name := fmt.Sprintf("%d/%d учебный год", start.Time().Year(), end.Time().Year())
		if _, err := tx.Exec(ctx, "UPDATE periods SET is_current = FALSE WHERE id = ?", oldID); err != nil {
			return err
		}
		newID, err := tx.InsertID(ctx, "INSERT INTO periods (name, starts_on, ends_on, unit, is_current) VALUES (?, ?, ?, ?, TRUE)", name, start, end, unit)
		if err != nil {
			return fmt.Errorf("new period: %w", mapError(err))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id, financing_nominal, financing_quota, budget_limit,
				financing_to_accounting_days, children_total, regime, social_hours)
			SELECT municipality_id, ?, financing_nominal, financing_quota, budget_limit, financing_to_accounting_days, children_total,
				COALESCE((SELECT r.regime FROM municipality_regimes r WHERE r.municipality_id = municipality_periods.municipality_id AND r.starts_year <= ?
					ORDER BY r.starts_year DESC LIMIT 1), regime), social_hours
			FROM municipality_periods WHERE period_id = ?`, newID, start.Time().Year(), oldID); err != nil {
			return fmt.Errorf("carry settings: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO social_hours_by_age (municipality_id, period_id, age_from, age_to, hours)
			SELECT municipality_id, ?, age_from, age_to, hours FROM social_hours_by_age WHERE period_id = ?`, newID, oldID); err != nil {
			return fmt.Errorf("carry hours by age: %w", err)
		}
		type cert struct {
			id, municipality int64
			balance          navigator.Money
		}
		rows, err := tx.Query(ctx, "SELECT id, municipality_id, balance FROM certificates WHERE type = 'financing' AND status = 'active' AND period_id = ?", oldID)
		if err != nil {
			return err
		}
		var certs []cert
		for rows.Next() {
			var c cert
			if err := rows.Scan(&c.id, &c.municipality, &c.balance); err != nil {
				rows.Close()
				return err
			}
			certs = append(certs, c)
		}
		rows.Close()
		for _, c := range certs {
			if c.balance > 0 {
				if err := ledger(ctx, tx, c.id, oldID, "expire", c.balance, "Остаток периода не переносится"); err != nil {
					return err
				}
			}
			var nominal navigator.Money
			if err := tx.QueryRow(ctx, "SELECT COALESCE((SELECT financing_nominal FROM municipality_periods WHERE municipality_id = ? AND period_id = ?), 0)",
				c.municipality, newID).Scan(&nominal); err != nil {
				return err
			}
			if err := expireHours(ctx, tx, c.id, oldID, "Остаток часов периода не переносится"); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE certificates SET period_id = ?, nominal = ?, balance = ? WHERE id = ?", newID, int64(nominal), int64(nominal), c.id); err != nil {
				return mapError(err)
			}
			social, err := socialNominal(ctx, tx, c.id, c.municipality, newID, "Объём социального сертификата на период "+name)
			if err != nil {
				return err
			}
			if nominal > 0 && !social {
				if err := ledger(ctx, tx, c.id, newID, "nominal", nominal, "Номинал на период "+name); err != nil {
					return err
				}
			}
		}
		rolled = true
		return audit(ctx, tx, AuditEntry{ActorRole: "system", Action: "period.roll", SubjectKind: "period", SubjectID: newID,
			Details: fmt.Sprintf("%d certificates", len(certs))})
	})
	return rolled, err
}

// Periods lists the periods, newest first.
func (db *DB) Periods(ctx context.Context) ([]PeriodRow, error) {
	var out []PeriodRow
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, name, starts_on, ends_on, enrollment_opens_at, enrollment_ends_at, is_current FROM periods ORDER BY starts_on DESC")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p PeriodRow
			var opens, ends sql.NullTime
			if err := rows.Scan(&p.ID, &p.Name, &p.StartsOn, &p.EndsOn, &opens, &ends, &p.Current); err != nil {
				return err
			}
			if opens.Valid {
				t := opens.Time.UTC()
				p.EnrollmentOpensAt = &t
			}
			if ends.Valid {
				t := ends.Time.UTC()
				p.EnrollmentEndsAt = &t
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("periods: %w", err)
	}
	return out, nil
}

// SavePeriod creates a period (p.ID 0) or changes one's name, dates and
// campaign. Periods may not overlap; the campaign lies within the period
// or before its start.
func (db *DB) SavePeriod(ctx context.Context, p *PeriodRow, audit *AuditEntry) error {
	var f navigator.Fields
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		f.Add("name", "required", "Укажите название периода, например «2027/2028 учебный год».")
	}
	if p.StartsOn.IsZero() {
		f.Add("starts_on", "required", "Укажите дату начала.")
	}
	if p.EndsOn.IsZero() {
		f.Add("ends_on", "required", "Укажите дату окончания.")
	} else if !p.StartsOn.IsZero() && !p.StartsOn.Before(p.EndsOn) {
		f.Add("ends_on", "order", "Период заканчивается позже, чем начинается.")
	}
	if p.EnrollmentOpensAt != nil && p.EnrollmentEndsAt != nil && !p.EnrollmentOpensAt.Before(*p.EnrollmentEndsAt) {
		f.Add("enrollment_ends_at", "order", "Приём заявок заканчивается позже, чем начинается.")
	}
	if p.EnrollmentEndsAt != nil && !p.EndsOn.IsZero() && p.EnrollmentEndsAt.After(p.EndsOn.Time().AddDate(0, 0, 1)) {
		f.Add("enrollment_ends_at", "after_period", "Приём заявок должен закончиться до конца периода.")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		var overlap int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM periods WHERE id <> ? AND starts_on <= ? AND ends_on >= ?",
			p.ID, p.EndsOn, p.StartsOn).Scan(&overlap); err != nil {
			return err
		}
		if overlap > 0 {
			return navigator.Invalid(navigator.FieldError{Field: "starts_on", Code: "overlap", Message: "Даты пересекаются с другим периодом."})
		}
		var opens, ends any
		if p.EnrollmentOpensAt != nil {
			opens = p.EnrollmentOpensAt.UTC()
		}
		if p.EnrollmentEndsAt != nil {
			ends = p.EnrollmentEndsAt.UTC()
		}
		if p.ID == 0 {
			id, err := tx.InsertID(ctx, `INSERT INTO periods (name, starts_on, ends_on, enrollment_opens_at, enrollment_ends_at, is_current)
				VALUES (?, ?, ?, ?, ?, FALSE)`, p.Name, p.StartsOn, p.EndsOn, opens, ends)
			if c, _ := violation(err); c == uniqueViolation {
				return navigator.Invalid(navigator.FieldError{Field: "name", Code: "duplicate", Message: "Период с таким названием уже есть."})
			}
			if err != nil {
				return fmt.Errorf("add period: %w", err)
			}
			p.ID = id
		} else {
			var startsOld navigator.Date
			var current bool
			err := tx.QueryRow(ctx, "SELECT starts_on, is_current FROM periods WHERE id = ?", p.ID).Scan(&startsOld, &current)
			if errors.Is(err, sql.ErrNoRows) {
				return navigator.NotFound("Период не найден.")
			}
			if err != nil {
				return err
			}
			if current && startsOld != p.StartsOn {
				return navigator.Invalid(navigator.FieldError{Field: "starts_on", Code: "current",
					Message: "У текущего периода нельзя менять дату начала: по нему уже начислены номиналы."})
			}
			_, err = tx.Exec(ctx, `UPDATE periods SET name = ?, starts_on = ?, ends_on = ?, enrollment_opens_at = ?, enrollment_ends_at = ? WHERE id = ?`,
				p.Name, p.StartsOn, p.EndsOn, opens, ends, p.ID)
			if c, _ := violation(err); c == uniqueViolation {
				return navigator.Invalid(navigator.FieldError{Field: "name", Code: "duplicate", Message: "Период с таким названием уже есть."})
			}
			if err != nil {
				return fmt.Errorf("update period: %w", err)
			}
		}
		return auditSubject(ctx, tx, audit, "period", p.ID)
	})
}

// PeriodRow is a period with its enrolment campaign.
type PeriodRow struct {
	ID                int64          `json:"id"`
	Name              string         `json:"name"`
	StartsOn          navigator.Date `json:"starts_on"`
	EndsOn            navigator.Date `json:"ends_on"`
	EnrollmentOpensAt *time.Time     `json:"enrollment_opens_at"`
	EnrollmentEndsAt  *time.Time     `json:"enrollment_ends_at"`
	Current           bool           `json:"current"`
}
