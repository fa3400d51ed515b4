package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// Agreement is a contract by social certificate seen as the agreement on
// financial provision (соглашение о финансовом обеспечении затрат, 189-ФЗ
// art. 21) between the certificate's municipality and the executor for
// one child: its number, the volume in hours, the normative cost of an
// hour, the terms, and what was charged.
type Agreement struct {
	ContractID        int64                    `json:"contract_id"`
	Number            string                   `json:"number"`
	ContractNumber    string                   `json:"contract_number"`
	Status            navigator.ContractStatus `json:"status"`
	OrganizationID    int64                    `json:"organization_id"`
	Organization      string                   `json:"organization"`
	OrganizationINN   string                   `json:"organization_inn"`
	OrganizationAddr  string                   `json:"organization_address"`
	MunicipalityID    int64                    `json:"municipality_id"`
	Municipality      string                   `json:"municipality"`
	ChildID           int64                    `json:"child_id"`
	ChildName         string                   `json:"child_name"`
	ChildBirth        navigator.Date           `json:"child_birth_date"`
	CertificateNumber string                   `json:"certificate_number"`
	Program           string                   `json:"program"`
	Group             string                   `json:"group"`
	StartsOn          navigator.Date           `json:"starts_on"`
	EndsOn            navigator.Date           `json:"ends_on"`
	Months            int                      `json:"months"`
	HoursMonthly      navigator.Hours          `json:"hours_monthly"`
	Hours             navigator.Hours          `json:"hours"`
	HourCost          navigator.Money          `json:"hour_cost"`
	Amount            navigator.Money          `json:"amount"`
	HoursCharged      navigator.Hours          `json:"hours_charged"`
	ConcludedAt       sql.NullTime             `json:"-"`
}

// AgreementFilter is whose agreements are listed: an organization's or a
// municipality's (by its certificates); zero does not narrow.
type AgreementFilter struct {
	OrganizationID int64
	MunicipalityID int64
}

const agreementColumns = `c.id, c.number, c.status, o.id, o.name, o.inn, o.address, s.municipality_id, m.name, ch.id,
	TRIM(ch.last_name || ' ' || ch.first_name || ' ' || ch.patronymic), ch.birth_date, s.number, p.title, g.name, c.starts_on,
	COALESCE(c.ended_on, c.ends_on), c.hours_monthly, c.hour_cost, c.created_at,
	COALESCE((SELECT SUM(l.amount) FROM ledger_entries l WHERE l.contract_id = c.id AND l.kind = 'charge' AND l.unit = 'hour'), 0)
	FROM contracts c JOIN applications a ON a.id = c.application_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
	JOIN organizations o ON o.id = p.organization_id JOIN certificates s ON s.id = c.certificate_id JOIN municipalities m ON m.id = s.municipality_id
	JOIN children ch ON ch.id = a.child_id WHERE c.unit = 'hour'`

func scanAgreement(sc interface{ Scan(...any) error }) (*Agreement, error) {
	g := &Agreement{}
	var status string
	if err := sc.Scan(&g.ContractID, &g.ContractNumber, &status, &g.OrganizationID, &g.Organization, &g.OrganizationINN, &g.OrganizationAddr,
		&g.MunicipalityID, &g.Municipality, &g.ChildID, &g.ChildName, &g.ChildBirth, &g.CertificateNumber, &g.Program, &g.Group,
		&g.StartsOn, &g.EndsOn, &g.HoursMonthly, &g.HourCost, &g.ConcludedAt, &g.HoursCharged); err != nil {
		return nil, err
	}
	g.Number = navigator.AgreementNumber(g.ContractNumber)
	g.Status = navigator.ContractActive
	if status == "ended" {
		g.Status = navigator.ContractEnded
	}
	if g.EndsOn.Before(g.StartsOn) {
		g.EndsOn = g.StartsOn
	}
	g.Months = navigator.MonthsSpanned(g.StartsOn, g.EndsOn)
	g.Hours = g.HoursMonthly * navigator.Hours(g.Months)
	g.Amount = g.Hours.Cost(g.HourCost)
	return g, nil
}

// Agreements lists the agreements in scope, the latest first.
func (db *DB) Agreements(ctx context.Context, f AgreementFilter) ([]Agreement, error) {
	q, args := "SELECT "+agreementColumns, []any{}
	if f.OrganizationID != 0 {
		q, args = q+" AND o.id = ?", append(args, f.OrganizationID)
	}
	if f.MunicipalityID != 0 {
		q, args = q+" AND s.municipality_id = ?", append(args, f.MunicipalityID)
	}
	out := []Agreement{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY c.id DESC LIMIT 500", args...)
		if err != nil {
			return fmt.Errorf("agreements: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			g, err := scanAgreement(rows)
			if err != nil {
				return err
			}
			out = append(out, *g)
		}
		return rows.Err()
	})
	return out, err
}

// Agreement is one agreement, by its contract's id.
func (db *DB) Agreement(ctx context.Context, contractID int64) (*Agreement, error) {
	var g *Agreement
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		g, err = scanAgreement(tx.QueryRow(ctx, "SELECT "+agreementColumns+" AND c.id = ?", contractID))
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Соглашение не найдено.")
		}
		return err
	})
	return g, err
}
