package service

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"

	"navigator"
	"navigator/internal/export"
	"navigator/internal/store"
)

// RegisterFile is the payment register of an accepted report in a format:
// "csv" or "xlsx" for people (Russian headings, CSV for Russian Excel),
// "treasury" for the treasury's import.
func (s *Service) RegisterFile(ctx context.Context, a navigator.Actor, id int64, format string) (filename, contentType string, body []byte, err error) {
	if format != "csv" && format != "xlsx" && format != "treasury" {
		return "", "", nil, navigator.Invalid(navigator.FieldError{Field: "format", Code: "format", Message: "Формат реестра: csv, xlsx или treasury."})
	}
	r, share, err := s.ExecutorRegister(ctx, a, id)
	if err != nil {
		return "", "", nil, err
	}
	base := fmt.Sprintf("register-%s-%d", r.Month, r.ID)
	switch format {
	case "treasury":
		body, err = TreasuryRegister(r, share)
		return base + "-treasury.csv", "text/csv; charset=utf-8", body, err
	case "xlsx":
		body, err = export.XLSX(registerTable(r, share))
		return base + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body, err
	}
	body, err = export.CSV(registerTable(r, share))
	return base + ".csv", "text/csv; charset=utf-8", body, err
}

// advanceOf is the advance share of an amount, rounded down to the kopeck.
func advanceOf(amount navigator.Money, share int) navigator.Money {
	return amount * navigator.Money(share) / 100
}

// registerTable is the register for people.
func registerTable(r *store.ExecutorReport, share int) export.Table {
	t := export.Table{Title: "Реестр " + r.Month, Header: []string{"Соглашение", "Сертификат", "Ребёнок", "Часов", "Стоимость часа, руб.", "Сумма, руб.",
		fmt.Sprintf("Аванс %d %%, руб.", share), "К доплате, руб."}}
	for _, l := range r.Lines {
		adv := advanceOf(l.Amount, share)
		t.Rows = append(t.Rows, []string{l.AgreementNumber, l.CertificateNumber, l.ChildName, l.Hours.String(), l.HourCost.String(), l.Amount.String(),
			adv.String(), (l.Amount - adv).String()})
	}
	adv := advanceOf(r.TotalAmount, share)
	t.Rows = append(t.Rows, []string{"Итого", "", r.Organization, r.TotalHours.String(), "", r.TotalAmount.String(), adv.String(), (r.TotalAmount - adv).String()})
	return t
}

// TreasuryHeader are the columns of the treasury's import, fixed: a
// consumer reads them by name, and new columns only ever go at the end.
var TreasuryHeader = []string{"register_id", "month", "municipality_code", "executor_inn", "agreement_number", "certificate_number",
	"hours", "hour_cost", "amount", "advance_share_percent", "advance", "final"}

// TreasuryRegister is the register for the treasury's import: CSV (RFC
// 4180) in UTF-8 without a BOM, comma-separated, one header row of the
// fixed TreasuryHeader names, amounts in roubles with a dot and two
// decimals, hours with a dot, no person's name (the agreement and the
// certificate number identify the line). CSV because every treasury and
// accounting system (СУФД imports, 1С) loads it without a schema, it
// streams, diffs and is read by a person in an editor; without a BOM and
// with fixed English names so that a parser needs no locale.
func TreasuryRegister(r *store.ExecutorReport, share int) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(TreasuryHeader); err != nil {
		return nil, err
	}
	for _, l := range r.Lines {
		adv := advanceOf(l.Amount, share)
		if err := w.Write([]string{fmt.Sprint(r.ID), r.Month, r.MunicipalityCode, r.OrganizationINN, l.AgreementNumber, l.CertificateNumber,
			l.Hours.String(), l.HourCost.String(), l.Amount.String(), fmt.Sprint(share), adv.String(), (l.Amount - adv).String()}); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
