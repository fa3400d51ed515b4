package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// NewReport is a provider's request to form a month's report.
type NewReport struct {
	OrganizationID int64
	MunicipalityID int64 // the certificates' municipality
	Month          string
	StaffID        int64
	Rule           navigator.HoursRule
}

// reportLines counts a month's hours given by the social certificates of
// a municipality in an organization's groups: for each contract in hours
// in force some day of the month, the hours of its lessons whose marks
// count under the rule, at most the contract's hours a month.
func reportLines(ctx context.Context, tx *Tx, organizationID, municipalityID int64, month string, rule navigator.HoursRule) ([]ReportLine, error) {
	first, err := navigator.ParseMonth(month)
	if err != nil {
		return nil, err
	}
	last := navigator.EndOfMonth(first)
	rows, err := tx.Query(ctx, `SELECT c.id, a.child_id, c.certificate_id, c.number, c.hours_monthly, c.hour_cost, t.mark, t.hours
		FROM contracts c JOIN applications a ON a.id = c.application_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
		JOIN certificates s ON s.id = c.certificate_id JOIN attendance t ON t.contract_id = c.id
		WHERE p.organization_id = ? AND s.municipality_id = ? AND c.unit = 'hour' AND t.lesson_on >= ? AND t.lesson_on <= ?
		ORDER BY c.id, t.lesson_on`, organizationID, municipalityID, first, last)
	if err != nil {
		return nil, fmt.Errorf("report lines: %w", err)
	}
	defer rows.Close()
	type acc struct {
		line    ReportLine
		monthly navigator.Hours
		lessons []navigator.MarkedLesson
	}
	var order []*acc
	byContract := map[int64]*acc{}
	for rows.Next() {
		var id, child, cert int64
		var number string
		var monthly, hours navigator.Hours
		var cost navigator.Money
		var mark navigator.Mark
		if err := rows.Scan(&id, &child, &cert, &number, &monthly, &cost, &mark, &hours); err != nil {
			return nil, err
		}
		a := byContract[id]
		if a == nil {
			a = &acc{line: ReportLine{ContractID: id, ChildID: child, CertificateID: cert, AgreementNumber: navigator.AgreementNumber(number), HourCost: cost}, monthly: monthly}
			byContract[id] = a
			order = append(order, a)
		}
		a.lessons = append(a.lessons, navigator.MarkedLesson{Mark: mark, Hours: hours})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []ReportLine
	for _, a := range order {
		l := a.line
		l.Hours = navigator.GivenHours(a.lessons, rule, a.monthly)
		if l.Hours == 0 {
			continue
		}
		l.Amount = l.Hours.Cost(l.HourCost)
		out = append(out, l)
	}
	return out, nil
}

// writeLines replaces a report's lines and totals.
func writeLines(ctx context.Context, tx *Tx, reportID int64, lines []ReportLine) error {
	if _, err := tx.Exec(ctx, "DELETE FROM executor_report_lines WHERE report_id = ?", reportID); err != nil {
		return err
	}
	var hours navigator.Hours
	var amount navigator.Money
	for _, l := range lines {
		if _, err := tx.Exec(ctx, `INSERT INTO executor_report_lines (report_id, contract_id, child_id, certificate_id, agreement_number, hours, hour_cost, amount)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, reportID, l.ContractID, l.ChildID, l.CertificateID, l.AgreementNumber, int64(l.Hours), int64(l.HourCost), int64(l.Amount)); err != nil {
			return fmt.Errorf("report line: %w", mapError(err))
		}
		hours += l.Hours
		amount += l.Amount
	}
	_, err := tx.Exec(ctx, "UPDATE executor_reports SET total_hours = ?, total_amount = ? WHERE id = ?", int64(hours), int64(amount), reportID)
	return err
}

// reportExists is the conflict of a month already reported.
func reportExists(status navigator.ReportStatus) error {
	msg := "Отчёт за этот месяц уже составлен; его можно направить в муниципалитет или дождаться решения."
	if status == navigator.ReportAccepted {
		msg = "Отчёт за этот месяц уже принят муниципалитетом: месяц оплачен, второй отчёт не составляется."
	}
	return &navigator.Error{Kind: navigator.KindConflict, Code: "report_exists", Message: msg}
}

// CreateExecutorReport forms a draft report of a month from the journal.
// A month with a live report (draft, submitted or accepted) is the
// conflict report_exists; a returned one may be formed again. A month
// without hours given by social certificates is refused (no_hours).
func (db *DB) CreateExecutorReport(ctx context.Context, n NewReport, audit *AuditEntry) (*ExecutorReport, error) {
	if err := navigator.CheckReportMonth(n.Month, navigator.Today(db.Now())); err != nil {
		return nil, err
	}
	var r *ExecutorReport
	err := db.Update(ctx, func(tx *Tx) error {
		var status navigator.ReportStatus
		err := tx.QueryRow(ctx, "SELECT status FROM executor_reports WHERE organization_id = ? AND municipality_id = ? AND month = ? AND status <> 'returned'",
			n.OrganizationID, n.MunicipalityID, n.Month).Scan(&status)
		if err == nil {
			return reportExists(status)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("reports of the month: %w", err)
		}
		lines, err := reportLines(ctx, tx, n.OrganizationID, n.MunicipalityID, n.Month, n.Rule)
		if err != nil {
			return err
		}
		if len(lines) == 0 {
			return navigator.Invalid(navigator.FieldError{Field: "month", Code: "no_hours",
				Message: fmt.Sprintf("За %s в журнале нет часов, оказанных по социальным сертификатам: отметьте посещение занятий.", navigator.MonthTitle(n.Month))})
		}
		var by any
		if n.StaffID != 0 {
			by = n.StaffID
		}
		id, err := tx.InsertID(ctx, "INSERT INTO executor_reports (organization_id, municipality_id, month, formed_by, formed_at) VALUES (?, ?, ?, ?, ?)",
			n.OrganizationID, n.MunicipalityID, n.Month, by, tx.Now())
		if err != nil {
			if navigator.ErrorKind(mapError(err)) == navigator.KindConflict {
				return reportExists(navigator.ReportDraft)
			}
			return fmt.Errorf("report: %w", err)
		}
		if err := writeLines(ctx, tx, id, lines); err != nil {
			return err
		}
		if err := auditSubject(ctx, tx, audit, "executor_report", id); err != nil {
			return err
		}
		r, err = findReport(ctx, tx, id)
		return err
	})
	return r, err
}

// SubmitExecutorReport sends a draft to the municipality, its lines
// counted again from the journal as it is now.
func (db *DB) SubmitExecutorReport(ctx context.Context, id, organizationID int64, rule navigator.HoursRule, audit *AuditEntry) (*ExecutorReport, error) {
	var r *ExecutorReport
	err := db.Update(ctx, func(tx *Tx) error {
		cur, err := findReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.OrganizationID != organizationID {
			return navigator.NotFound("Отчёт не найден.")
		}
		if cur.Status != navigator.ReportDraft {
			return &navigator.Error{Kind: navigator.KindConflict, Code: "not_draft", Message: fmt.Sprintf("Направить можно только черновик, а этот отчёт — «%s».", cur.Status.Title())}
		}
		lines, err := reportLines(ctx, tx, cur.OrganizationID, cur.MunicipalityID, cur.Month, rule)
		if err != nil {
			return err
		}
		if err := writeLines(ctx, tx, id, lines); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE executor_reports SET status = 'submitted', submitted_at = ? WHERE id = ? AND status = 'draft'", tx.Now(), id); err != nil {
			return err
		}
		if err := auditSubject(ctx, tx, audit, "executor_report", id); err != nil {
			return err
		}
		r, err = findReport(ctx, tx, id)
		return err
	})
	return r, err
}
