package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestExecutorsInBrowser walks the registry of executors as its people
// do, on a phone and on a desktop: the provider opens «Реестр
// исполнителей» from the menu, is told beside each field what is
// missing, confirms the checklist with the two documents and applies; the
// municipal admin finds the application, is told a refusal needs a
// reason (the typed text kept), and includes it; the public registry of
// the municipality, linked from the footer, shows the organization.
func TestExecutorsInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	e := newEnv(t, store.SQLite)
	ctx := context.Background()
	var org, mun int64
	var name string
	if err := e.db.View(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `SELECT o.id, o.municipality_id, o.name FROM staff s JOIN organizations o ON o.id = s.organization_id
			WHERE s.email = 'provider@demo.example.ru'`).Scan(&org, &mun, &name)
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	licence, tax := filepath.Join(dir, "лицензия.pdf"), filepath.Join(dir, "справка.pdf")
	for _, p := range []string{licence, tax} {
		if err := os.WriteFile(p, testPDF, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	for _, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			if width == 1280 { // the second walk: the entry of the first is reopened by an exclusion
				var entry int64
				if err := e.db.Update(ctx, func(tx *store.Tx) error {
					if err := tx.QueryRow(ctx, "SELECT id FROM executors WHERE organization_id = ?", org).Scan(&entry); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, "UPDATE executors SET status = 'excluded', reason = 'Лицензия приостановлена' WHERE id = ?", entry)
					return err
				}); err != nil {
					t.Fatal(err)
				}
			}
			shot := func(who string) string { return fmt.Sprintf("executors-%s-%d", who, width) }
			provider := browsertest.New(t)
			if err := chromedp.Do(provider, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			signIn(t, provider, e, "provider@demo.example.ru", "demo-provider-2026")
			if err := chromedp.Do(provider, press("Реестр исполнителей"), chromedp.WaitVisible(chromedp.CSS("form.checklist"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, provider))
			}
			text := lookAt(t, provider, shot("provider-form"))
			if width == 1280 && (!strings.Contains(text, "Исключён из реестра") || !strings.Contains(text, "Лицензия приостановлена") || !strings.Contains(strings.ToLower(text), "подать заявку снова")) {
				t.Fatalf("after the exclusion the provider reads: %s", text)
			}
			if width == 360 {
				// Nothing ticked: the messages stand beside the fields, the typed number stays.
				if err := chromedp.Do(provider, chromedp.SendKeys(chromedp.CSS("#f-licence_number"), "Л035-01234-55/00123456"), press("Подать заявку"),
					chromedp.WaitVisible(chromedp.CSS("#e-staff_cleared"))); err != nil {
					t.Fatalf("%v: %s", err, pageText(t, provider))
				}
				if v, _ := chromedp.Run(provider, chromedp.Value(chromedp.CSS("#f-licence_number"))); v != "Л035-01234-55/00123456" {
					t.Fatalf("the typed number is lost: %q", v)
				}
				lookAt(t, provider, shot("provider-errors"))
				for _, code := range []string{"licence", "not_liquidated", "no_tax_arrears", "not_offshore", "staff_cleared", "site_info"} {
					if err := chromedp.Do(provider, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=%q]`, code)))); err != nil {
						t.Fatal(err)
					}
				}
				if err := chromedp.Do(provider, chromedp.SendKeys(chromedp.CSS("#f-site_url"), "https://ddt.example.ru")); err != nil {
					t.Fatal(err)
				}
			}
			if err := chromedp.Do(provider, chromedp.SetUploadFiles(chromedp.CSS("#f-doc_licence"), []string{licence}),
				chromedp.SetUploadFiles(chromedp.CSS("#f-doc_no_tax_arrears"), []string{tax}),
				press("Подать заявку"), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, provider))
			}
			text = lookAt(t, provider, shot("provider-pending"))
			for _, want := range []string{"Заявка в реестр исполнителей подана", "На рассмотрении", "лицензия.pdf", "справка.pdf", "Приложить документ"} {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
					t.Errorf("the provider's page lacks %q: %s", want, text)
				}
			}

			admin := browsertest.New(t)
			if err := chromedp.Do(admin, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			signIn(t, admin, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			if err := chromedp.Do(admin, press("Реестр исполнителей"), chromedp.WaitVisible(chromedp.CSS("table.grid"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			lookAt(t, admin, shot("admin-list"))
			if err := chromedp.Do(admin, press(name), chromedp.WaitVisible(chromedp.CSS("#f-reason"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			text = lookAt(t, admin, shot("admin-card"))
			if !strings.Contains(text, "лицензия.pdf") || !strings.Contains(text, "Подтверждено") {
				t.Fatalf("the card: %s", text)
			}
			if err := chromedp.Do(admin, press("Отказать во включении"), chromedp.WaitVisible(chromedp.CSS("#e-reason"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			lookAt(t, admin, shot("admin-reason"))
			if err := chromedp.Do(admin, press("Включить в реестр"), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			text = lookAt(t, admin, shot("admin-included"))
			if low := strings.ToLower(text); !strings.Contains(low, "включён в реестр") || !strings.Contains(low, "исключить из реестра") {
				t.Fatalf("after the inclusion: %s", text)
			}

			public := browsertest.New(t)
			if err := chromedp.Do(public, chromedp.EmulateViewport(width, 900), chromedp.Navigate(e.srv.URL+"/"),
				chromedp.Click(chromedp.CSS(`footer a[href="/executors"]`)), chromedp.WaitVisible(chromedp.CSS("ul.municipalities"))); err != nil {
				t.Fatal(err)
			}
			lookAt(t, public, shot("public-municipalities"))
			if err := chromedp.Do(public, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/executors?municipality_id=%d"]`, mun))), chromedp.WaitVisible(chromedp.CSS("table"))); err != nil {
				t.Fatal(err)
			}
			text = lookAt(t, public, shot("public-registry"))
			if !strings.Contains(text, name) {
				t.Fatalf("the public registry lacks %s: %s", name, text)
			}
		})
	}
}
