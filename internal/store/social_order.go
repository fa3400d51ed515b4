package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"navigator"
)

// The municipal social order (189-ФЗ): per year and direction the volume
// in person-hours and children. An application by social certificate
// that takes a seat holds its hours and one child of each year its
// contract would run in, in the same transaction as the seat; the holds
// are released when the application stops holding its seat and trimmed
// to the contract's hours when the contract is made.

// SocialOrder returns a municipality's order for a year with what
// applications and contracts hold, and the regime of the period that
// begins in that year.
func (db *DB) SocialOrder(ctx context.Context, municipalityID int64, year int) (*navigator.SocialOrder, error) {
	var o *navigator.SocialOrder
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		o, err = socialOrder(ctx, tx, municipalityID, year)
		return err
	})
	return o, err
}

func socialOrder(ctx context.Context, tx *Tx, municipalityID int64, year int) (*navigator.SocialOrder, error) {
	if err := municipalityExists(ctx, tx, municipalityID); err != nil {
		return nil, navigator.NotFound("Муниципалитет не найден.")
	}
	o := &navigator.SocialOrder{MunicipalityID: municipalityID, Year: year, Directions: []navigator.SocialOrderLine{}}
	var err error
	if o.Regime, err = regimeOfYear(ctx, tx, municipalityID, year); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT o.direction, o.method, o.hours, o.children, o.hour_cost, o.hours_taken, o.children_taken
		FROM social_orders o JOIN directions d ON d.code = o.direction WHERE o.municipality_id = ? AND o.year = ? ORDER BY d.position`, municipalityID, year)
	if err != nil {
		return nil, fmt.Errorf("social order: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l navigator.SocialOrderLine
		if err := rows.Scan(&l.Direction, &l.Method, &l.Hours, &l.Children, &l.HourCost, &l.HoursContracted, &l.ChildrenContracted); err != nil {
			return nil, fmt.Errorf("social order: %w", err)
		}
		o.Directions = append(o.Directions, l)
	}
	return o, rows.Err()
}

// regimeOfYear is the regime of the period that begins in year: the
// period's own when it exists, else the latest chosen ahead, else the
// current period's.
func regimeOfYear(ctx context.Context, tx *Tx, municipalityID int64, year int) (navigator.Regime, error) {
	var r sql.NullString
	err := tx.QueryRow(ctx, `SELECT COALESCE(
			(SELECT mp.regime FROM municipality_periods mp JOIN periods p ON p.id = mp.period_id
				WHERE mp.municipality_id = ? AND `+yearOf(tx.engine, "p.starts_on")+` = ? ORDER BY p.starts_on DESC LIMIT 1),
			(SELECT regime FROM municipality_regimes WHERE municipality_id = ? AND starts_year <= ? ORDER BY starts_year DESC LIMIT 1),
			(SELECT mp.regime FROM municipality_periods mp JOIN periods p ON p.id = mp.period_id WHERE mp.municipality_id = ? AND p.is_current = TRUE),
			'pfdo')`, municipalityID, year, municipalityID, year, municipalityID).Scan(&r)
	if err != nil {
		return "", fmt.Errorf("regime: %w", err)
	}
	return navigator.Regime(r.String), nil
}

// yearOf is the SQL of a date column's year as an integer.
func yearOf(engine Engine, column string) string {
	if engine == Postgres {
		return "CAST(EXTRACT(YEAR FROM " + column + ") AS INTEGER)"
	}
	return "CAST(strftime('%Y', " + column + ") AS INTEGER)"
}

// PutSocialOrder publishes a municipality's order for a year, in one
// transaction: a volume below what applications and contracts already
// hold is refused (below_contracted), and so is a direction left out
// that holds anything. The regime given takes effect from the period
// that begins in that year; the regime of a period already running
// changes only while the municipality has issued no financing
// certificate in it.
func (db *DB) PutSocialOrder(ctx context.Context, o navigator.SocialOrder, audit *AuditEntry) (*navigator.SocialOrder, error) {
	if err := o.Validate(navigator.Today(db.Now())); err != nil {
		return nil, err
	}
	var out *navigator.SocialOrder
	err := db.Update(ctx, func(tx *Tx) error {
		cur, err := socialOrder(ctx, tx, o.MunicipalityID, o.Year)
		if err != nil {
			return err
		}
		if err := checkNotBelow(cur, o); err != nil {
			return err
		}
		if err := setRegime(ctx, tx, o.MunicipalityID, o.Year, o.Regime); err != nil {
			return err
		}
		given := map[string]bool{}
		for _, l := range o.Directions {
			given[l.Direction] = true
			if _, err := tx.Exec(ctx, `INSERT INTO social_orders (municipality_id, year, direction, method, hours, children, hour_cost, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (municipality_id, year, direction) DO UPDATE SET method = excluded.method,
				hours = excluded.hours, children = excluded.children, hour_cost = excluded.hour_cost, updated_at = excluded.updated_at`,
				o.MunicipalityID, o.Year, l.Direction, string(l.Method), int64(l.Hours), l.Children, int64(l.HourCost), tx.Now()); err != nil {
				return fmt.Errorf("social order line: %w", mapError(err))
			}
		}
		for _, l := range cur.Directions {
			if !given[l.Direction] {
				if _, err := tx.Exec(ctx, "DELETE FROM social_orders WHERE municipality_id = ? AND year = ? AND direction = ?", o.MunicipalityID, o.Year, l.Direction); err != nil {
					return fmt.Errorf("social order line: %w", mapError(err))
				}
			}
		}
		if audit != nil {
			e := *audit
			e.Details = orderDetails(o)
			if err := auditSubject(ctx, tx, &e, "municipality", o.MunicipalityID); err != nil {
				return err
			}
		}
		out, err = socialOrder(ctx, tx, o.MunicipalityID, o.Year)
		return err
	})
	return out, err
}

// checkNotBelow refuses an order that would give a direction less than
// its applications and contracts hold.
func checkNotBelow(cur *navigator.SocialOrder, next navigator.SocialOrder) error {
	var f navigator.Fields
	for _, held := range cur.Directions {
		if held.HoursContracted == 0 && held.ChildrenContracted == 0 {
			continue
		}
		name := navigator.DirectionName(held.Direction)
		i := slices.IndexFunc(next.Directions, func(l navigator.SocialOrderLine) bool { return l.Direction == held.Direction })
		if i < 0 {
			f.Add("directions", "below_contracted", fmt.Sprintf("По направленности «%s» уже заключены договоры и поданы заявки на %s и %d детей: её нельзя убрать из заказа.",
				name, held.HoursContracted.Russian(), held.ChildrenContracted))
			continue
		}
		l := next.Directions[i]
		if l.Hours < held.HoursContracted {
			f.Add(fmt.Sprintf("directions[%d].hours", i), "below_contracted", fmt.Sprintf("По направленности «%s» договоры и заявки уже занимают %s: объём не может быть меньше.",
				name, held.HoursContracted.Russian()))
		}
		if l.Children < held.ChildrenContracted {
			f.Add(fmt.Sprintf("directions[%d].children", i), "below_contracted", fmt.Sprintf("По направленности «%s» договоры и заявки уже есть у %d детей: число детей не может быть меньше.",
				name, held.ChildrenContracted))
		}
		if l.Method != held.Method {
			f.Add(fmt.Sprintf("directions[%d].method", i), "below_contracted", fmt.Sprintf("По направленности «%s» уже заключены договоры по сертификатам: способ отбора исполнителей в этом году не меняется.", name))
		}
	}
	if len(f) == 0 {
		return nil
	}
	e := navigator.Invalid(f...)
	e.Code = "below_contracted"
	e.Message = "Объём заказа не может быть меньше уже занятого договорами и заявками."
	return e
}

// setRegime records the regime from the period beginning in year. The
// running period's regime changes only before the municipality issued a
// financing certificate in it: a switch is made at a period boundary.
func setRegime(ctx context.Context, tx *Tx, municipalityID int64, year int, next navigator.Regime) error {
	if _, err := tx.Exec(ctx, `INSERT INTO municipality_regimes (municipality_id, starts_year, regime) VALUES (?, ?, ?)
		ON CONFLICT (municipality_id, starts_year) DO UPDATE SET regime = excluded.regime`, municipalityID, year, string(next)); err != nil {
		return fmt.Errorf("regime: %w", mapError(err))
	}
	var periodID int64
	err := tx.QueryRow(ctx, "SELECT id FROM periods WHERE "+yearOf(tx.engine, "starts_on")+" = ? ORDER BY starts_on DESC LIMIT 1", year).Scan(&periodID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the period is ahead: it takes the regime when it opens
	}
	if err != nil {
		return fmt.Errorf("regime: %w", err)
	}
	if cur, _, err := periodRegime(ctx, tx, municipalityID, periodID); err != nil || cur == next {
		return err
	}
	var issued int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM certificates WHERE municipality_id = ? AND period_id = ? AND type = 'financing'",
		municipalityID, periodID).Scan(&issued); err != nil {
		return fmt.Errorf("regime: %w", err)
	}
	if issued > 0 {
		return &navigator.Error{Kind: navigator.KindConflict, Code: "regime_in_force", Message: fmt.Sprintf(
			"В текущем периоде уже выдано сертификатов финансирования: %d. Режим меняется с начала следующего периода — укажите его в заказе на следующий год.", issued)}
	}
	if _, err = tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id, regime) VALUES (?, ?, ?)
		ON CONFLICT (municipality_id, period_id) DO UPDATE SET regime = excluded.regime`, municipalityID, periodID, string(next)); err != nil {
		return fmt.Errorf("regime: %w", mapError(err))
	}
	return nil
}

// orderDetails is the audit's note of an order.
func orderDetails(o navigator.SocialOrder) string {
	parts := []string{fmt.Sprintf("%d год, %s", o.Year, o.Regime.Title())}
	for _, l := range o.Directions {
		parts = append(parts, fmt.Sprintf("%s: %s, %d детей, %s за час, %s", navigator.DirectionName(l.Direction), l.Hours.Russian(), l.Children,
			l.HourCost.Russian(), l.Method.Title()))
	}
	return strings.Join(parts, "; ")
}
