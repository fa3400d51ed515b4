package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"navigator"
)

// executors puts two demo entries in the registries of executors: another
// provider of «г. Блестящий» included (ДДТ «Центральный», the demo
// provider, is left to apply itself) and the СЮТ of г. Заречный pending,
// each with the two documents the checklist asks for.
func (s *seeder) executors(ctx context.Context) error {
	tx := s.tx
	var ddt, ddtMun, sut, sutMun, admin int64
	if err := tx.QueryRow(ctx, "SELECT o.id, o.municipality_id FROM staff s JOIN organizations o ON o.id = s.organization_id WHERE s.email = ?",
		"provider@demo.example.ru").Scan(&ddt, &ddtMun); err != nil {
		return nil // a region without the demo provider: nothing to show
	}
	if err := tx.QueryRow(ctx, "SELECT o.id, o.municipality_id FROM staff s JOIN organizations o ON o.id = s.organization_id WHERE s.email = ?",
		"provider.zarechny@demo.example.ru").Scan(&sut, &sutMun); err != nil {
		return nil
	}
	var other int64
	if err := tx.QueryRow(ctx, "SELECT min(id) FROM organizations WHERE municipality_id = ? AND is_provider = TRUE AND id <> ?", ddtMun, ddt).Scan(&other); err != nil || other == 0 {
		return nil
	}
	_ = tx.QueryRow(ctx, "SELECT min(id) FROM staff WHERE role = 'municipal_admin' AND municipality_id = ?", ddtMun).Scan(&admin)
	checklist, _ := json.Marshal(navigator.Checklist{Licence: true, LicenceNumber: "Л035-01255-55/00571234", NotLiquidated: true, NoTaxArrears: true,
		NotOffshore: true, StaffCleared: true, SiteInfo: true, SiteURL: "https://example.ru/svedeniya"})
	today := navigator.Today(tx.Now())
	for _, e := range []struct {
		org, mun int64
		included bool
	}{{other, ddtMun, true}, {sut, sutMun, false}} {
		var id int64
		var err error
		if e.included {
			id, err = tx.InsertID(ctx, `INSERT INTO executors (organization_id, municipality_id, status, checklist, applied_at, decided_by, decided_at, included_on)
				VALUES (?, ?, 'included', ?, ?, ?, ?, ?)`, e.org, e.mun, string(checklist), tx.Now(), nullID(admin), tx.Now(), today)
		} else {
			id, err = tx.InsertID(ctx, `INSERT INTO executors (organization_id, municipality_id, status, checklist, applied_at)
				VALUES (?, ?, 'pending', ?, ?)`, e.org, e.mun, string(checklist), tx.Now())
		}
		if err != nil {
			return fmt.Errorf("demo executor: %w", err)
		}
		for _, d := range []struct{ req, name, text string }{
			{navigator.ReqLicence, "Выписка из реестра лицензий.pdf", "Demo: licence register extract"},
			{navigator.ReqNoTaxArrears, "Справка об отсутствии недоимки.pdf", "Demo: tax certificate"},
		} {
			body := demoPDF(d.text)
			if _, err := tx.Exec(ctx, `INSERT INTO executor_documents (executor_id, requirement, name, content_type, size, body, uploaded_at)
				VALUES (?, ?, ?, 'application/pdf', ?, ?, ?)`, id, d.req, d.name, len(body), body, tx.Now()); err != nil {
				return fmt.Errorf("demo executor document: %w", err)
			}
		}
	}
	return nil
}

// demoPDF is a one-page PDF with a line of Latin text, its cross-reference
// table counted so that any viewer opens it.
func demoPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 18 Tf 72 760 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
