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

// ExecutorReport is an executor's report of the hours given in a month by
// the social certificates of one municipality, with its lines.
type ExecutorReport struct {
	ID               int64                  `json:"id"`
	OrganizationID   int64                  `json:"organization_id"`
	Organization     string                 `json:"organization"`
	OrganizationINN  string                 `json:"organization_inn"`
	MunicipalityID   int64                  `json:"municipality_id"`
	Municipality     string                 `json:"municipality"`
	MunicipalityCode string                 `json:"-"`
	Month            string                 `json:"month"`
	Status           navigator.ReportStatus `json:"status"`
	Lines            []ReportLine           `json:"lines"`
	TotalHours       navigator.Hours        `json:"total_hours"`
	TotalAmount      navigator.Money        `json:"total_amount"`
	Remarks          string                 `json:"remarks"`
	FormedAt         time.Time              `json:"formed_at"`
	SubmittedAt      *time.Time             `json:"submitted_at"`
	DecidedAt        *time.Time             `json:"decided_at"`
}

// ReportLine is a child's agreement in a report and the hours given.
type ReportLine struct {
	ChildID           int64           `json:"child_id"`
	ChildName         string          `json:"child_name"`
	ContractID        int64           `json:"contract_id"`
	CertificateID     int64           `json:"-"`
	CertificateNumber string          `json:"certificate_number"`
	AgreementNumber   string          `json:"agreement_number"`
	Hours             navigator.Hours `json:"hours"`
	HourCost          navigator.Money `json:"hour_cost"`
	Amount            navigator.Money `json:"amount"`
}

// ReportFilter narrows a list of reports: an organization's, a
// municipality's, in a status; zero fields do not narrow.
type ReportFilter struct {
	OrganizationID int64
	MunicipalityID int64
	Status         navigator.ReportStatus
}

const reportColumns = `r.id, r.organization_id, o.name, o.inn, r.municipality_id, m.name, m.code, r.month, r.status, r.total_hours, r.total_amount,
	r.remarks, r.formed_at, r.submitted_at, r.decided_at FROM executor_reports r JOIN organizations o ON o.id = r.organization_id
	JOIN municipalities m ON m.id = r.municipality_id`

func scanReport(sc interface{ Scan(...any) error }) (*ExecutorReport, error) {
	r := &ExecutorReport{Lines: []ReportLine{}}
	var submitted, decided sql.NullTime
	if err := sc.Scan(&r.ID, &r.OrganizationID, &r.Organization, &r.OrganizationINN, &r.MunicipalityID, &r.Municipality, &r.MunicipalityCode,
		&r.Month, &r.Status, &r.TotalHours, &r.TotalAmount, &r.Remarks, &r.FormedAt, &submitted, &decided); err != nil {
		return nil, err
	}
	if submitted.Valid {
		r.SubmittedAt = &submitted.Time
	}
	if decided.Valid {
		r.DecidedAt = &decided.Time
	}
	return r, nil
}

// findReport loads a report with its lines inside tx.
func findReport(ctx context.Context, tx *Tx, id int64) (*ExecutorReport, error) {
	r, err := scanReport(tx.QueryRow(ctx, "SELECT "+reportColumns+" WHERE r.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Отчёт не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("report %d: %w", id, err)
	}
	rows, err := tx.Query(ctx, `SELECT l.child_id, TRIM(ch.last_name || ' ' || ch.first_name || ' ' || ch.patronymic), l.contract_id, l.certificate_id, s.number,
			l.agreement_number, l.hours, l.hour_cost, l.amount
		FROM executor_report_lines l JOIN children ch ON ch.id = l.child_id JOIN certificates s ON s.id = l.certificate_id
		WHERE l.report_id = ? ORDER BY l.agreement_number`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l ReportLine
		if err := rows.Scan(&l.ChildID, &l.ChildName, &l.ContractID, &l.CertificateID, &l.CertificateNumber, &l.AgreementNumber, &l.Hours, &l.HourCost, &l.Amount); err != nil {
			return nil, err
		}
		r.Lines = append(r.Lines, l)
	}
	return r, rows.Err()
}

// ExecutorReport is one report with its lines.
func (db *DB) ExecutorReport(ctx context.Context, id int64) (*ExecutorReport, error) {
	var r *ExecutorReport
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		r, err = findReport(ctx, tx, id)
		return err
	})
	return r, err
}

// ExecutorReports lists reports without their lines, the latest month first.
func (db *DB) ExecutorReports(ctx context.Context, f ReportFilter) ([]ExecutorReport, error) {
	var where []string
	var args []any
	if f.OrganizationID != 0 {
		where, args = append(where, "r.organization_id = ?"), append(args, f.OrganizationID)
	}
	if f.MunicipalityID != 0 {
		where, args = append(where, "r.municipality_id = ?"), append(args, f.MunicipalityID)
	}
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, string(f.Status))
	}
	q := "SELECT " + reportColumns
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	out := []ExecutorReport{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY r.month DESC, r.id DESC LIMIT 500", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReport(rows)
			if err != nil {
				return err
			}
			out = append(out, *r)
		}
		return rows.Err()
	})
	return out, err
}
