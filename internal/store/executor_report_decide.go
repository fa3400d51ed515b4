package store

import (
	"context"
	"fmt"
	"strings"

	"navigator"
)

// decidable loads a submitted report of a municipality for its decision.
func decidable(ctx context.Context, tx *Tx, id, municipalityID int64) (*ExecutorReport, error) {
	r, err := findReport(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if r.MunicipalityID != municipalityID {
		return nil, navigator.NotFound("Отчёт не найден.")
	}
	if r.Status != navigator.ReportSubmitted {
		return nil, &navigator.Error{Kind: navigator.KindConflict, Code: "not_submitted",
			Message: fmt.Sprintf("Решение принимается по направленному отчёту, а этот — «%s».", r.Status.Title())}
	}
	return r, nil
}

// AcceptExecutorReport is the municipality's acceptance of a submitted
// report: in one transaction the report is accepted and each line's hours
// are charged to its certificate (see chargeReport). Accepting again is
// the conflict not_submitted and charges nothing.
func (db *DB) AcceptExecutorReport(ctx context.Context, id, municipalityID, staffID int64, audit *AuditEntry) (*ExecutorReport, error) {
	var r *ExecutorReport
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := decidable(ctx, tx, id, municipalityID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE executor_reports SET status = 'accepted', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'submitted'",
			staffID, tx.Now(), id); err != nil {
			return err
		}
		if _, err := chargeReport(ctx, tx, id); err != nil {
			return err
		}
		if err := auditSubject(ctx, tx, audit, "executor_report", id); err != nil {
			return err
		}
		var err error
		r, err = findReport(ctx, tx, id)
		return err
	})
	return r, err
}

// ReturnExecutorReport sends a submitted report back with the remarks;
// the provider may then form the month again.
func (db *DB) ReturnExecutorReport(ctx context.Context, id, municipalityID, staffID int64, remarks string, audit *AuditEntry) (*ExecutorReport, error) {
	remarks = strings.TrimSpace(remarks)
	var r *ExecutorReport
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := decidable(ctx, tx, id, municipalityID); err != nil {
			return err
		}
		if remarks == "" {
			return navigator.Invalid(navigator.FieldError{Field: "remarks", Code: "required", Message: "Напишите, что исправить в отчёте."})
		}
		if _, err := tx.Exec(ctx, "UPDATE executor_reports SET status = 'returned', remarks = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'submitted'",
			remarks, staffID, tx.Now(), id); err != nil {
			return err
		}
		if err := auditSubject(ctx, tx, audit, "executor_report", id); err != nil {
			return err
		}
		var err error
		r, err = findReport(ctx, tx, id)
		return err
	})
	return r, err
}

// chargeReport charges the hours of each line of an accepted report to
// its certificate: a ledger entry kind 'charge', unit 'hour', for the
// contract and the month, and the certificate's hours reserve down by as
// much. The ledger's unique index ledger_charge_once on (contract, month)
// of charges makes the entry once: a line charged before — by an earlier
// run, a run cut short by a crash, or a second acceptance — inserts
// nothing and moves no reserve. (ChargeMonth never charges a contract in
// hours, so the month's one charge is the report's.) It returns how many
// lines it charged now.
func chargeReport(ctx context.Context, tx *Tx, id int64) (int, error) {
	r, err := findReport(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	if r.Status != navigator.ReportAccepted {
		return 0, nil
	}
	n := 0
	for _, l := range r.Lines {
		if l.Hours <= 0 {
			continue
		}
		res, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, month, note, created_at, unit)
			SELECT s.id, s.period_id, 'charge', ?, ?, ?, ?, ?, 'hour' FROM certificates s WHERE s.id = ?
			ON CONFLICT (contract_id, month) WHERE kind = 'charge' DO NOTHING`,
			int64(l.Hours), l.ContractID, r.Month, fmt.Sprintf("Оплата часов за %s по соглашению %s", r.Month, l.AgreementNumber), tx.Now(), l.CertificateID)
		if err != nil {
			return n, fmt.Errorf("charge hours: %w", mapError(err))
		}
		if k, _ := res.RowsAffected(); k == 0 {
			continue // charged before
		}
		if _, err := tx.Exec(ctx, "UPDATE certificates SET hours_reserve = hours_reserve - ? WHERE id = ?", int64(l.Hours), l.CertificateID); err != nil {
			return n, fmt.Errorf("hours reserve: %w", mapError(err))
		}
		n++
	}
	return n, nil
}

// ChargeExecutorReport runs the charge of an accepted report again in its
// own transaction, for a job or an operator after a failure: lines
// charged before are not charged twice. It returns the lines charged now.
func (db *DB) ChargeExecutorReport(ctx context.Context, id int64) (int, error) {
	var n int
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		n, err = chargeReport(ctx, tx, id)
		return err
	})
	return n, err
}
