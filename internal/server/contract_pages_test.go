package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// rawCodes are internal values a person must never read on a page.
var rawCodes = regexp.MustCompile(`\b(pending|accepted|enrolled|waitlisted|rejected|cancelled|completed|offered|financing|accounting|unconfirmed|certified|budget|paid|draft|published|archived|social|science|art|sport|tourism|technical|other)\b`)

// lookAt checks what a person sees at the current width: no sideways
// scroll, no internal code, no serious accessibility violation; with
// NAVIGATOR_SHOTS set, it keeps a screenshot under name.
func lookAt(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	over, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if over {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const out = []; for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect(); if (r.right > window.innerWidth + 1 && (el.closest('.scroll, .table-wrap') === null || el.matches('.scroll, .table-wrap')) && el.closest('nav') === null) {
			out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right)); } } return out.slice(0, 5).join('; '); })()`))
		t.Errorf("%s scrolls sideways: %s", name, wide)
	}
	// «Выйти» is on the screen, not clipped away behind a long name.
	if off, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector('form[action="/logout"] button');
			if (!b) return false; const r = b.getBoundingClientRect(); return r.width === 0 || r.right > window.innerWidth + 1 || r.left < 0; })()`)); err == nil && off {
		t.Errorf("%s: «Выйти» is off the screen", name)
	}
	// On a phone the header takes at most a fifth of the first screen.
	if tall, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const h = document.querySelector("header");
			return h && window.innerWidth <= 600 && h.getBoundingClientRect().height > window.innerHeight / 5 ? Math.round(h.getBoundingClientRect().height) + " of " + window.innerHeight : ""; })()`)); err == nil && tall != "" {
		t.Errorf("%s: the header takes %s pixels of the first screen, more than a fifth", name, tall)
	}
	text := pageText(t, ctx)
	if m := rawCodes.FindString(text); m != "" {
		t.Errorf("%s shows the internal code %q: %s", name, m, text)
	}
	browsertest.CheckAccessibility(t, ctx, name)
	if dir := os.Getenv("NAVIGATOR_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			_ = os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o600)
		}
	}
	return text
}

// TestContractInBrowser walks the contract as its people do, on a phone
// and on a desktop: the provider finds the application in «Заявки» (the
// count in the menu), is told in place that a rejection needs a reason,
// and accepts; the parent opens «ИСТОРИЯ ЗАЯВОК», reads the offer and
// accepts it with one button; the provider sees the child enrolled.
func TestContractInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	provider := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	f := newContractFixture(t, e, 4)

	signIn(t, provider, e, "provider@demo.example.ru", "demo-provider-2026")
	if err := chromedp.Do(provider, chromedp.WaitVisible(chromedp.CSS("#total"))); err != nil {
		t.Fatal(err)
	}
	menu, err := chromedp.Run(provider, chromedp.Text(chromedp.CSS("header.admin-top nav")))
	if err != nil || !regexp.MustCompile(`Заявки\s*\d+`).MatchString(menu) {
		t.Fatalf("the menu does not count new applications: %q %v", menu, err)
	}
	// The application of the fixture, filtered by status.
	if err := chromedp.Do(provider, chromedp.Navigate(e.srv.URL+"/admin/applications?status=pending"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#app-%d", f.apps[0])))); err != nil {
		t.Fatal(err)
	}
	lookAt(t, provider, "provider-inbox-360")
	app := fmt.Sprintf("#app-%d", f.apps[0])
	if err := chromedp.Do(provider, chromedp.Click(app+` button[value="reject"]`), chromedp.WaitVisible(chromedp.CSS(app+".failed .field-error"))); err != nil {
		t.Fatal(err)
	}
	if msg, _ := chromedp.Run(provider, chromedp.Text(chromedp.CSS(app+" .field-error"))); !strings.Contains(msg, "причину") {
		t.Fatalf("a rejection without a reason: %q", msg)
	}
	if err := chromedp.Do(provider, chromedp.Click(app+` button[value="accept"]`), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	if text := pageText(t, provider); !strings.Contains(text, "договор-оферта") {
		t.Fatalf("after «Принять»: %s", text)
	}

	t.Log("provider done")
	parent := browsertest.New(t)
	signIn(t, parent, e, familyOf01(t, e, 4), "demo-parent-2026")
	t.Log("parent signed in", pageText(t, parent)[:200])
	if err := chromedp.Do(parent, press("Личный кабинет"), chromedp.WaitVisible(chromedp.CSS("nav.cabinet-tabs"))); err != nil {
		t.Fatal(err)
	}
	t.Log("cabinet")
	if err := chromedp.Do(parent, press("ИСТОРИЯ ЗАЯВОК"), chromedp.WaitVisible(chromedp.CSS("article.application"))); err != nil {
		t.Fatal(err)
	}
	t.Log("applications")
	if err := chromedp.Do(parent, press("Прочитать и принять договор"), chromedp.WaitVisible(chromedp.CSS("#contract"))); err != nil {
		t.Fatalf("%v: %s", err, pageText(t, parent))
	}
	text := lookAt(t, parent, "parent-offer-360")
	for _, want := range []string{"Договор № Д-", "Семья платит", "Оплачивает сертификат", "принять до", "Организатор", "(PDF)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the offer page lacks %q", want)
		}
	}
	if err := chromedp.Do(parent, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	lookAt(t, parent, "parent-offer-desktop")
	if err := chromedp.Do(parent, chromedp.EmulateViewport(360, 800), press("Принять договор"), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	text = lookAt(t, parent, "parent-contract-360")
	if !strings.Contains(text, "Договор принят") || !strings.Contains(text, "Действует") || !strings.Contains(text, "принят родителем в личном кабинете") {
		t.Fatalf("after acceptance: %s", text)
	}
	// The withdrawal of another application asks first.
	if err := chromedp.Do(parent, chromedp.Navigate(fmt.Sprintf("%s/cabinet/applications/%d", e.srv.URL, f.apps[1])), press("Отозвать заявку"),
		chromedp.WaitVisible(chromedp.CSS("#confirm-title"))); err != nil {
		t.Fatal(err)
	}
	if text := pageText(t, parent); !strings.Contains(text, "Вы уверены") {
		t.Fatalf("withdrawal without a question: %s", text)
	}

	if err := chromedp.Do(provider, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.srv.URL+"/admin/applications"),
		chromedp.WaitVisible(chromedp.CSS(app))); err != nil {
		t.Fatal(err)
	}
	text = lookAt(t, provider, "provider-inbox-desktop")
	if row, _ := chromedp.Run(provider, chromedp.Text(chromedp.CSS(app))); !strings.Contains(row, "Ребёнок зачислен") || !strings.Contains(row, "+7 (") {
		t.Fatalf("the provider's line after acceptance: %q", row)
	}
}
