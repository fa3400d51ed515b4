package server_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestParentJourneyInBrowser: a parent registers on a 360-pixel screen,
// follows the e-mail link, adds a child, requests a certificate, searches
// by a word form, puts two programs aside and reorders them, and applies.
// The pages pass axe-core's WCAG A and AA rules on the way.
func TestParentJourneyInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	base := e.srv.URL

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), press("Регистрация"), chromedp.WaitVisible(chromedp.CSS("#f-last_name"))); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckAccessibility(t, ctx, "registration")
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#f-municipality_id"), "1"),
		chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Семёнова"),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Алёна"),
		chromedp.SendKeys(chromedp.CSS("#f-phone"), "9131234567"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "Alena@Example.ru"),
		chromedp.SendKeys(chromedp.CSS("#f-password"), "тёплый вечер у реки"),
		press("ЗАРЕГИСТРИРОВАТЬСЯ"),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	); err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-last_name"))); v != "Семёнова" {
		t.Fatalf("the surname typed was lost: %q", v)
	}
	if phone, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-phone"))); phone != "+7 (913) 123-45-67" {
		t.Errorf("phone kept as %q, want the masked +7 (913) 123-45-67", phone)
	}
	if !strings.Contains(pageText(t, ctx), "согласитесь с политикой конфиденциальности") {
		t.Fatal("no message about the consent")
	}
	browsertest.CheckAccessibility(t, ctx, "registration with errors")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#f-password"), "тёплый вечер у реки"),
		chromedp.Click(chromedp.CSS("#f-consent")),
		press("ЗАРЕГИСТРИРОВАТЬСЯ"),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pageText(t, ctx), "Откройте ссылку из письма") {
		t.Fatal("after signing up, no word of the letter to open")
	}

	// The e-mail link, from the demo mailbox.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/demo/mail"), chromedp.WaitVisible(chromedp.CSS(".letter pre"))); err != nil {
		t.Fatal(err)
	}
	letter, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".letter pre")))
	link := regexp.MustCompile(`/verify-email\?token=[A-Za-z0-9_-]+`).FindString(letter)
	if link == "" {
		t.Fatalf("no link in the letter: %s", letter)
	}
	// The account is made by the link, with one press, and signs her in.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+link), press("ЗАВЕРШИТЬ РЕГИСТРАЦИЮ"), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	if text := pageText(t, ctx); !strings.Contains(text, "Регистрация завершена") || !strings.Contains(text, "подтверждён") {
		t.Fatalf("the link did not make the account: %s", text)
	}

	// A child, and «Получить сертификат».
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/cabinet/children"),
		chromedp.WaitVisible(chromedp.CSS("#f-first_name")),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Ярослава"),
		chromedp.SetValue(chromedp.CSS("#f-birth_date"), "2018-03-08"),
		chromedp.SetValue(chromedp.CSS("#f-sex"), "female"),
		press("СОХРАНИТЬ"),
		chromedp.WaitVisible(chromedp.CSS("#confirm-state")),
	); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckAccessibility(t, ctx, "child in the cabinet")
	if err := chromedp.Do(ctx, press("Получить сертификат"), chromedp.WaitVisible(chromedp.CSS("#certificate"))); err != nil {
		t.Fatal(err)
	}

	// Search by a word form and put two programs aside.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.SendKeys(chromedp.CSS("#q"), "рисованию"),
		chromedp.Click(chromedp.CSS("form.search button")),
		chromedp.WaitVisible(chromedp.CSS("#count")),
	); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckAccessibility(t, ctx, "catalog")
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".card h3 a")].slice(0, 2).map(a => a.href)`))
	if err != nil || len(links) < 2 {
		t.Fatalf("search results %v %v", links, err)
	}
	var titles []string
	for _, l := range links {
		if err := chromedp.Do(ctx, chromedp.Navigate(l), press("Отложить"), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
			t.Fatal(err)
		}
		title, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		titles = append(titles, title)
	}
	browsertest.CheckAccessibility(t, ctx, "program page")
	order := func() []string {
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ol.ranked li > a")].map(a => a.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/cabinet/deferred"), chromedp.WaitVisible(chromedp.CSS("ol.ranked"))); err != nil {
		t.Fatal(err)
	}
	if got := order(); len(got) != 2 || got[0] != titles[0] {
		t.Fatalf("deferred %v, want %v first", got, titles[0])
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`ol.ranked li:first-child button[value="down"]`)), chromedp.WaitVisible(chromedp.CSS(".flash"))); err != nil {
		t.Fatal(err)
	}
	if got := order(); got[0] != titles[1] || got[1] != titles[0] {
		t.Fatalf("after «Ниже»: %v", got)
	}
	// The program page shows that it is put aside, and where; putting it
	// aside again cannot happen by mistake, so the order stays.
	if err := chromedp.Do(ctx, chromedp.Navigate(links[0]), chromedp.WaitVisible(chromedp.CSS("#deferred"))); err != nil {
		t.Fatal(err)
	}
	if text, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#deferred"))); !strings.Contains(text, "в отложенных, на 2-м месте") || !strings.Contains(strings.ToLower(text), "убрать из отложенных") {
		t.Fatalf("the program put aside says %q", text)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/cabinet/deferred"), chromedp.WaitVisible(chromedp.CSS("ol.ranked"))); err != nil {
		t.Fatal(err)
	}
	if got := order(); got[0] != titles[1] || got[1] != titles[0] {
		t.Fatalf("after opening the program again: %v", got)
	}

	// Apply to a program for her age.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/programs?age=8&registry=paid"),
		chromedp.Click(chromedp.CSS(".card h3 a")),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form.apply").length`)); n == 0 {
		t.Fatal("the first program for age 8 has no accepting group: the demo is deterministic, so the demo changed")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form.apply button")), chromedp.WaitVisible(chromedp.CSS(".application"))); err != nil {
		t.Fatal(err)
	}
	txt := pageText(t, ctx)
	if !strings.Contains(txt, "На рассмотрении") && !strings.Contains(txt, "В очереди") {
		t.Fatalf("application history: %s", txt)
	}
	browsertest.CheckAccessibility(t, ctx, "application history")
}
