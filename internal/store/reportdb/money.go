package reportdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
	"navigator/internal/report"
	"navigator/internal/store"
)

// ledgerSums are the sums of a ledger's kinds: what the money reports
// are made of.
const ledgerSums = `COALESCE(SUM(CASE WHEN l.kind = 'nominal' THEN l.amount ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN l.kind = 'reserve' THEN l.amount ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN l.kind = 'release' THEN l.amount ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN l.kind = 'charge' THEN l.amount ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN l.kind = 'expire' THEN l.amount ELSE 0 END), 0),
	count(DISTINCT l.contract_id)`

// sums reads ledgerSums into a row: in reserve is what contracts reserved
// less what went back and what was charged; the balance is the nominals
// less what is reserved, charged or expired.
func scanSums(r *report.MoneyRow, scan func(...any) error, head ...any) error {
	var nominal, reserve, release, charge, expire navigator.Money
	if err := scan(append(head, &nominal, &reserve, &release, &charge, &expire, &r.Contracts)...); err != nil {
		return err
	}
	r.Nominal, r.Charged = nominal, charge
	r.Reserved = reserve - release - charge
	r.Balance = nominal - reserve + release - expire
	return nil
}

// currentPeriodID returns the current period, or not found.
func currentPeriodID(ctx context.Context, tx *store.Tx) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, "SELECT id FROM periods WHERE is_current = TRUE").Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, navigator.NotFound("Текущий период не задан.")
	}
	return id, err
}

// ReportMoneyMunicipalities sums the current period's certificate money
// per municipality of the certificates, for municipalities that have any.
func (q *Queries) MoneyMunicipalities(ctx context.Context, f report.Filter) ([]report.MoneyRow, error) {
	out := []report.MoneyRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		period, err := currentPeriodID(ctx, tx)
		if err != nil {
			return err
		}
		var w where
		w.add("l.period_id = ?", period)
		w.add("l.unit = 'rub'") // a social certificate's hours are not money
		w.id("s.municipality_id", f.MunicipalityID)
		rows, err := tx.Query(ctx, `SELECT m.id, m.name, count(DISTINCT l.certificate_id), `+ledgerSums+`
			FROM ledger_entries l JOIN certificates s ON s.id = l.certificate_id JOIN municipalities m ON m.id = s.municipality_id`+w.sql()+
			" GROUP BY m.id, m.name ORDER BY m.name"+q.bytewise()+", m.id", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.MoneyRow
			if err := scanSums(&r, rows.Scan, &r.ID, &r.Name, &r.Certificates); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report money by municipality: %w", err)
	}
	return out, nil
}

// ReportMoneyProviders sums, per provider, what the current period's
// contracts hold in reserve and what was charged. A municipality filter
// keeps the money of that municipality's certificates.
func (q *Queries) MoneyProviders(ctx context.Context, f report.Filter) ([]report.MoneyRow, error) {
	out := []report.MoneyRow{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		period, err := currentPeriodID(ctx, tx)
		if err != nil {
			return err
		}
		var w where
		w.add("l.period_id = ?", period)
		w.add("l.unit = 'rub'") // a social certificate's hours are not money
		w.id("s.municipality_id", f.MunicipalityID)
		w.id("o.id", f.ProviderID)
		rows, err := tx.Query(ctx, `SELECT o.id, o.name, om.name, count(DISTINCT l.certificate_id), `+ledgerSums+`
			FROM ledger_entries l JOIN certificates s ON s.id = l.certificate_id JOIN contracts k ON k.id = l.contract_id
			JOIN applications a ON a.id = k.application_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
			JOIN organizations o ON o.id = p.organization_id JOIN municipalities om ON om.id = o.municipality_id`+w.sql()+
			" GROUP BY o.id, o.name, om.name ORDER BY o.name"+q.bytewise()+", o.id", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.MoneyRow
			if err := scanSums(&r, rows.Scan, &r.ID, &r.Name, &r.Municipality, &r.Certificates); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report money by provider: %w", err)
	}
	return out, nil
}

// ReportStatement lists a provider's contracts paid by certificates that
// are in force in the month ("YYYY-MM"): what each certificate owes for
// the month, what the monthly charge took so far, and the advance of the
// given share.
func (q *Queries) Statement(ctx context.Context, providerID int64, month string, share int) ([]report.StatementRow, error) {
	first, last, err := store.MonthBounds(month)
	if err != nil {
		return nil, navigator.Invalid(navigator.FieldError{Field: "month", Code: "format", Message: "Месяц — в виде ГГГГ-ММ, например 2026-10."})
	}
	out := []report.StatementRow{}
	err = q.db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT k.id, k.number, s.number, p.title, g.name, k.starts_on, k.ends_on, k.certificate_monthly, COALESCE(lc.amount, 0)
			FROM contracts k JOIN applications a ON a.id = k.application_id JOIN groups g ON g.id = a.group_id
			JOIN programs p ON p.id = g.program_id JOIN certificates s ON s.id = k.certificate_id
			LEFT JOIN ledger_entries lc ON lc.contract_id = k.id AND lc.kind = 'charge' AND lc.unit = 'rub' AND lc.month = ?
			WHERE p.organization_id = ? AND k.certificate_monthly > 0 AND k.unit = 'rub' AND k.starts_on <= ? AND k.ends_on >= ?
				AND (k.ended_on IS NULL OR k.ended_on >= ?)
			ORDER BY k.number`, month, providerID, last, first, first)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.StatementRow
			if err := rows.Scan(&r.ContractID, &r.Contract, &r.CertificateNumber, &r.Program, &r.Group, &r.StartsOn, &r.EndsOn,
				&r.Amount, &r.Charged); err != nil {
				return err
			}
			r.SetAdvance(share)
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report statement of %d for %s: %w", providerID, month, err)
	}
	return out, nil
}

// ReportProviders lists the providers (of a municipality, or all for 0)
// by name, for choosing whose statement to make.
func (q *Queries) Providers(ctx context.Context, municipalityID int64) ([]navigator.Organization, error) {
	var w where
	w.add("is_provider = TRUE")
	w.id("municipality_id", municipalityID)
	out := []navigator.Organization{}
	err := q.db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, municipality_id, name FROM organizations"+w.sql()+" ORDER BY name"+q.bytewise()+", id", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o navigator.Organization
			if err := rows.Scan(&o.ID, &o.MunicipalityID, &o.Name); err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("report providers: %w", err)
	}
	return out, nil
}
