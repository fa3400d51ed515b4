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

// UpdateMunicipality renames a municipality or changes its code. The code
// is part of every certificate number, so it cannot change once the
// municipality has issued one.
func (db *DB) UpdateMunicipality(ctx context.Context, m *navigator.Municipality, audit *AuditEntry) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		var code string
		err := tx.QueryRow(ctx, "SELECT code FROM municipalities WHERE id = ?", m.ID).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Муниципалитет не найден.")
		}
		if err != nil {
			return err
		}
		if code != m.Code {
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM certificates WHERE municipality_id = ?", m.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return navigator.Invalid(navigator.FieldError{Field: "code", Code: "in_use",
					Message: "Код нельзя менять: он входит в номера уже выданных сертификатов муниципалитета."})
			}
		}
		_, err = tx.Exec(ctx, "UPDATE municipalities SET code = ?, name = ? WHERE id = ?", m.Code, m.Name, m.ID)
		if c, _ := violation(err); c == uniqueViolation {
			return navigator.Errorf(navigator.KindConflict, "Муниципалитет с таким кодом или названием уже есть.").WithCode("duplicate")
		}
		if err != nil {
			return fmt.Errorf("update municipality: %w", err)
		}
		return auditSubject(ctx, tx, audit, "municipality", m.ID)
	})
}

// AddMunicipality adds a municipality with empty settings for the current
// period: its financing quota is 0 until its admin sets one.
func (db *DB) AddMunicipality(ctx context.Context, m *navigator.Municipality, audit *AuditEntry) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		if err := insertMunicipality(ctx, tx, m); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id)
			SELECT ?, id FROM periods WHERE is_current = TRUE`, m.ID); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		return auditSubject(ctx, tx, audit, "municipality", m.ID)
	})
}

// DirectionNames is a direction with the names it had before.
type DirectionNames struct {
	navigator.Direction
	Previous []string `json:"previous_names"`
}

// DirectionsWithHistory lists the directions with their old names.
func (db *DB) DirectionsWithHistory(ctx context.Context) ([]DirectionNames, error) {
	var out []DirectionNames
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT code, name, previous_names FROM directions ORDER BY position, code")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d DirectionNames
			var prev string
			if err := rows.Scan(&d.Code, &d.Name, &prev); err != nil {
				return err
			}
			d.Previous = []string{}
			if prev != "" {
				d.Previous = strings.Split(prev, "\n")
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("directions: %w", err)
	}
	return out, nil
}

// RenameDirection gives a direction a new name and keeps the old one in
// its history; the code, which programs refer to, never changes.
func (db *DB) RenameDirection(ctx context.Context, code, name string, audit *AuditEntry) error {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 100 {
		return navigator.Invalid(navigator.FieldError{Field: "name", Code: "required", Message: "Название направленности — от 1 до 100 знаков."})
	}
	err := db.Update(ctx, func(tx *Tx) error {
		var old, prev string
		err := tx.QueryRow(ctx, "SELECT name, previous_names FROM directions WHERE code = ?", code).Scan(&old, &prev)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Направленность не найдена.")
		}
		if err != nil {
			return err
		}
		if old == name {
			return nil
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM directions WHERE name = ? AND code <> ?", name, code).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return navigator.Invalid(navigator.FieldError{Field: "name", Code: "duplicate", Message: "Такое название уже у другой направленности."})
		}
		if prev != "" {
			prev += "\n"
		}
		if _, err := tx.Exec(ctx, "UPDATE directions SET name = ?, previous_names = ? WHERE code = ?", name, prev+old, code); err != nil {
			return fmt.Errorf("rename direction: %w", err)
		}
		if audit == nil {
			return nil
		}
		e := *audit
		e.Details = old + " → " + name
		return auditSubject(ctx, tx, &e, "direction", 0)
	})
	if err == nil {
		db.directions.Store(nil)
	}
	return err
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
