package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"navigator"
)

// paidBySocial reports whether c's application to g is paid by a social
// certificate: the child's financing certificate counts hours and the
// program is certified.
func paidBySocial(c *applicant, g *groupForApplication) bool {
	cert := c.Certificate
	return cert != nil && cert.Social() && cert.Type == navigator.CertificateFinancing &&
		cert.Status == navigator.CertificateActive && g.registry == navigator.RegistryCertified
}

// applicationHours is what an application by social certificate holds of
// each year's order: the hours a month its contract would cover if it
// were made today, for every month from today (or the group's first day)
// to the group's last.
func applicationHours(c *applicant, g *groupForApplication, today navigator.Date) map[int]navigator.Hours {
	starts := g.startsOn
	if starts.Before(today) {
		starts = today
	}
	months := navigator.MonthsSpanned(starts, g.endsOn)
	perMonth := navigator.TermsInput{ModuleHours: g.moduleHours, ModuleMonths: g.moduleMonths}.HoursPerMonth()
	monthly := navigator.MinHours(perMonth, c.Certificate.HoursBalance/navigator.Hours(months))
	return navigator.HoursByYear(starts, g.endsOn, monthly)
}

// holdOrder takes what a new application by social certificate holds of
// the order of the certificate's municipality.
func holdOrder(ctx context.Context, tx *Tx, appID int64, c *applicant, g *groupForApplication) error {
	return setHolds(ctx, tx, appID, c.Certificate.MunicipalityID, g.direction, applicationHours(c, g, navigator.Today(tx.Now())))
}

// releaseOrder gives back all an application holds of the order.
func releaseOrder(ctx context.Context, tx *Tx, appID int64) error {
	return setHolds(ctx, tx, appID, 0, "", nil)
}

// orderHold is what an application holds of one year's order.
type orderHold struct {
	municipalityID int64
	direction      string
	hours          navigator.Hours
}

// setHolds makes what an application holds of the order of municipality
// and direction exactly want (hours by year): it takes what is added,
// with the child, only where the year's line has the room, and gives back
// what is dropped. A year that has no line for social certificates, or
// too little left, is the refusal order_exhausted, and the caller's
// transaction is not committed.
func setHolds(ctx context.Context, tx *Tx, appID, municipalityID int64, direction string, want map[int]navigator.Hours) error {
	held := map[int]orderHold{}
	rows, err := tx.Query(ctx, "SELECT year, municipality_id, direction, hours FROM social_order_holds WHERE application_id = ?", appID)
	if err != nil {
		return fmt.Errorf("order holds: %w", err)
	}
	for rows.Next() {
		var y int
		var h orderHold
		if err := rows.Scan(&y, &h.municipalityID, &h.direction, &h.hours); err != nil {
			rows.Close()
			return fmt.Errorf("order holds: %w", err)
		}
		held[y] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("order holds: %w", err)
	}
	years := slices.Sorted(maps.Keys(want))
	for y := range held {
		if _, ok := want[y]; !ok {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	for _, y := range years {
		h, had := held[y]
		next, keep := want[y]
		if keep && next <= 0 {
			keep = false
		}
		switch {
		case had && !keep:
			if err := giveBack(ctx, tx, appID, y, h, h.hours, 1); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "DELETE FROM social_order_holds WHERE application_id = ? AND year = ?", appID, y); err != nil {
				return fmt.Errorf("order hold: %w", err)
			}
		case had && next < h.hours:
			if err := giveBack(ctx, tx, appID, y, h, h.hours-next, 0); err != nil {
				return err
			}
		case had && next > h.hours:
			if err := take(ctx, tx, y, h.municipalityID, h.direction, next-h.hours, 0); err != nil {
				return err
			}
		case !had && keep:
			if err := take(ctx, tx, y, municipalityID, direction, next, 1); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO social_order_holds (application_id, municipality_id, year, direction, hours) VALUES (?, ?, ?, ?, ?)",
				appID, municipalityID, y, direction, int64(next)); err != nil {
				return fmt.Errorf("order hold: %w", mapError(err))
			}
			continue
		default:
			continue
		}
		if had && keep {
			if _, err := tx.Exec(ctx, "UPDATE social_order_holds SET hours = ? WHERE application_id = ? AND year = ?", int64(next), appID, y); err != nil {
				return fmt.Errorf("order hold: %w", err)
			}
		}
	}
	return nil
}

// take adds hours and children to a year's line where it has the room.
func take(ctx context.Context, tx *Tx, year int, municipalityID int64, direction string, hours navigator.Hours, children int) error {
	res, err := tx.Exec(ctx, `UPDATE social_orders SET hours_taken = hours_taken + ?, children_taken = children_taken + ?
		WHERE municipality_id = ? AND year = ? AND direction = ? AND method = 'certificate' AND hours_taken + ? <= hours AND children_taken + ? <= children`,
		int64(hours), children, municipalityID, year, direction, int64(hours), children)
	if err != nil {
		return fmt.Errorf("take order: %w", mapError(err))
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	return exhausted(ctx, tx, year, municipalityID, direction, hours)
}

// exhausted says why a year's line could not take an application.
func exhausted(ctx context.Context, tx *Tx, year int, municipalityID int64, direction string, hours navigator.Hours) error {
	name := navigator.DirectionName(direction)
	var method string
	var left navigator.Hours
	var children int
	err := tx.QueryRow(ctx, "SELECT method, hours - hours_taken, children - children_taken FROM social_orders WHERE municipality_id = ? AND year = ? AND direction = ?",
		municipalityID, year, direction).Scan(&method, &left, &children)
	msg := ""
	switch {
	case err != nil:
		msg = fmt.Sprintf("В социальном заказе муниципалитета на %d год нет объёма по направленности «%s»: записаться по социальному сертификату пока нельзя.", year, name)
	case method != string(navigator.MethodCertificate):
		msg = fmt.Sprintf("В %d году услуги по направленности «%s» оказываются по муниципальному заданию, а не по социальному сертификату.", year, name)
	case children <= 0:
		msg = fmt.Sprintf("Социальный заказ на %d год по направленности «%s» исчерпан: все места для детей заняты. Выберите программу другой направленности или оплатите обучение.", year, name)
	default:
		msg = fmt.Sprintf("Социальный заказ на %d год по направленности «%s» исчерпан: осталось %s, а программе нужно %s. Выберите программу другой направленности или оплатите обучение.",
			year, name, left.Russian(), hours.Russian())
	}
	return &navigator.Error{Kind: navigator.KindInvalid, Code: "order_exhausted", Message: msg}
}

// giveBack returns hours and children to a year's line.
func giveBack(ctx context.Context, tx *Tx, appID int64, year int, h orderHold, hours navigator.Hours, children int) error {
	if _, err := tx.Exec(ctx, `UPDATE social_orders SET hours_taken = hours_taken - ?, children_taken = children_taken - ?
		WHERE municipality_id = ? AND year = ? AND direction = ?`, int64(hours), children, h.municipalityID, year, h.direction); err != nil {
		return fmt.Errorf("release order of application %d: %w", appID, mapError(err))
	}
	return nil
}

// reserveHours reserves a contract's hours on the social certificate,
// written to its ledger, and trims what the application holds of the
// order to the contract's months and hours.
func reserveHours(ctx context.Context, tx *Tx, appID int64, k *Contract, terms navigator.Terms, cert *navigator.Certificate) error {
	var direction string
	if err := tx.QueryRow(ctx, "SELECT p.direction FROM applications a JOIN programs p ON p.id = a.program_id WHERE a.id = ?", appID).Scan(&direction); err != nil {
		return fmt.Errorf("direction of application %d: %w", appID, err)
	}
	if err := setHolds(ctx, tx, appID, cert.MunicipalityID, direction, navigator.HoursByYear(terms.StartsOn, terms.EndsOn, terms.HoursMonthly)); err != nil {
		return err
	}
	hours := k.ReservedHours
	if hours <= 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, note, created_at, unit)
		SELECT id, period_id, 'reserve', ?, ?, ?, ?, 'hour' FROM certificates WHERE id = ?`,
		int64(hours), k.ID, "Резерв часов по договору "+k.Number, tx.Now(), cert.ID); err != nil {
		return fmt.Errorf("ledger: %w", mapError(err))
	}
	if _, err := tx.Exec(ctx, "UPDATE certificates SET hours_balance = hours_balance - ?, hours_reserve = hours_reserve + ? WHERE id = ?",
		int64(hours), int64(hours), cert.ID); err != nil {
		return fmt.Errorf("reserve hours: %w", mapError(err))
	}
	return nil
}

// releaseHours gives back, when a contract by social certificate closes
// early, the hours of the months after its last day, to the certificate
// and to the order. The hours of the months it ran stay reserved: the
// executor's monthly reports of hours given charge them.
func releaseHours(ctx context.Context, tx *Tx, contractID, certID int64) error {
	var unit, number string
	var appID int64
	var starts, ends navigator.Date
	var ended *navigator.Date
	var monthly navigator.Hours
	if err := tx.QueryRow(ctx, "SELECT unit, number, application_id, starts_on, ends_on, ended_on, hours_monthly FROM contracts WHERE id = ?", contractID).
		Scan(&unit, &number, &appID, &starts, &ends, &ended, &monthly); err != nil {
		return fmt.Errorf("contract %d: %w", contractID, err)
	}
	if unit != navigator.UnitHour || ended == nil || !ended.Before(ends) {
		return nil
	}
	last := *ended
	if last.Before(starts) {
		last = starts // ended before its first day: its first month is the least it holds
	}
	ran := navigator.HoursByYear(starts, last, monthly)
	unused := monthly*navigator.Hours(navigator.MonthsSpanned(starts, ends)) - monthly*navigator.Hours(navigator.MonthsSpanned(starts, last))
	if unused > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, note, created_at, unit)
			SELECT id, period_id, 'release', ?, ?, ?, ?, 'hour' FROM certificates WHERE id = ?`,
			int64(unused), contractID, "Возврат часов по расторгнутому договору "+number, tx.Now(), certID); err != nil {
			return fmt.Errorf("ledger: %w", mapError(err))
		}
		if _, err := tx.Exec(ctx, "UPDATE certificates SET hours_reserve = hours_reserve - ?, hours_balance = hours_balance + ? WHERE id = ?",
			int64(unused), int64(unused), certID); err != nil {
			return fmt.Errorf("release hours: %w", mapError(err))
		}
	}
	return setHolds(ctx, tx, appID, 0, "", ran)
}
