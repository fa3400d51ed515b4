package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// Municipalities returns the region's municipalities by name.
func (db *DB) Municipalities(ctx context.Context) ([]navigator.Municipality, error) {
	out := []navigator.Municipality{}
	err := db.viewCatalog(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, code, name FROM municipalities ORDER BY name"+db.bytewise()+", id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m navigator.Municipality
			if err := rows.Scan(&m.ID, &m.Code, &m.Name); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("municipalities: %w", err)
	}
	return out, nil
}

// MunicipalityByID returns one municipality.
func (db *DB) MunicipalityByID(ctx context.Context, id int64) (*navigator.Municipality, error) {
	var m navigator.Municipality
	err := db.queryRow(ctx, "SELECT id, code, name FROM municipalities WHERE id = ?", id).Scan(&m.ID, &m.Code, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Муниципалитет не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("municipality %d: %w", id, err)
	}
	return &m, nil
}

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
