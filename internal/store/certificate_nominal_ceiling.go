package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"navigator"
)

// NominalCeilingKey is the region setting that bounds every municipality's
// financing nominal, in kopecks.
const NominalCeilingKey = "financing_nominal_ceiling"

// DefaultNominalCeiling is the ceiling until the regional admin sets one:
// several times a generous year of ПФДО, low enough that a slip of the
// keyboard (an extra zero or three) cannot put millions on every certificate.
const DefaultNominalCeiling = navigator.Money(100_000_00)

// NominalCeiling returns the region's ceiling on municipal nominals.
func (db *DB) NominalCeiling(ctx context.Context) (navigator.Money, error) {
	var out navigator.Money
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		out, err = nominalCeiling(ctx, tx)
		return err
	})
	return out, err
}

func nominalCeiling(ctx context.Context, tx *Tx) (navigator.Money, error) {
	var v string
	err := tx.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", NominalCeilingKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultNominalCeiling, nil
	}
	if err != nil {
		return 0, fmt.Errorf("nominal ceiling: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return DefaultNominalCeiling, nil
	}
	return navigator.Money(n), nil
}

// SetNominalCeiling stores the region's ceiling on municipal nominals. A
// ceiling below a nominal a municipality already has for the current
// period is refused, naming that municipality: certificates already hold
// that money, and lowering it is the municipality's own decision.
func (db *DB) SetNominalCeiling(ctx context.Context, ceiling navigator.Money, audit *AuditEntry) error {
	if ceiling <= 0 {
		return navigator.Invalid(navigator.FieldError{Field: "financing_nominal_ceiling", Code: "range",
			Message: "Предел номинала — сумма больше нуля, например «50000.00»."})
	}
	return db.Update(ctx, func(tx *Tx) error {
		var name string
		var highest navigator.Money
		err := tx.QueryRow(ctx, `SELECT m.name, mp.financing_nominal FROM municipality_periods mp
			JOIN municipalities m ON m.id = mp.municipality_id
			JOIN periods p ON p.id = mp.period_id AND p.is_current = TRUE
			ORDER BY mp.financing_nominal DESC, m.name LIMIT 1`).Scan(&name, &highest)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("highest nominal: %w", err)
		}
		if err == nil && highest > ceiling {
			return navigator.Invalid(navigator.FieldError{Field: "financing_nominal_ceiling", Code: "below_set",
				Message: fmt.Sprintf("У муниципалитета «%s» номинал уже %s: предел не может быть ниже, пока муниципалитет его не уменьшит.",
					name, highest.Russian())})
		}
		old, err := nominalCeiling(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			NominalCeilingKey, strconv.FormatInt(int64(ceiling), 10)); err != nil {
			return fmt.Errorf("set nominal ceiling: %w", err)
		}
		if audit == nil {
			return nil
		}
		e := *audit
		e.Details = "предел номинала " + old.Russian() + " → " + ceiling.Russian()
		return auditSubject(ctx, tx, &e, "setting", 0)
	})
}
