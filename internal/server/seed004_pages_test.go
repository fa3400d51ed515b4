package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/contingent"
	"navigator/internal/store"
)

// TestSeed004InBrowser: the operator adds a child, enters the birth
// certificate with a Latin look-alike letter, sees «Контингент»'s data
// beside what was typed with the differences marked, takes the registry's
// data, confirms and issues.
func TestSeed004InBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	if _, err := contingent.Import(context.Background(), e.db, e.keys, strings.NewReader(registryCSV), nil); err != nil {
		t.Fatal(err)
	}
	signIn(t, ctx, e, "operator@demo.example.ru", "demo-operator-2026")
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#q")),
		press("Зарегистрировать пользователя"),
		chromedp.WaitVisible(chromedp.CSS("#f-last_name")),
		chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Семёнов"),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Игорь"),
		chromedp.SendKeys(chromedp.CSS("#f-phone"), "89131234567"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "semenov@example.ru"),
		chromedp.Click(chromedp.CSS(`input[name="paper_consent"]`)),
		press("Зарегистрировать"),
		chromedp.WaitVisible(chromedp.CSS(".tabs")),
		press("Дети"),
		chromedp.WaitVisible(chromedp.CSS("#f-birth_date")),
		chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Семенова"),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Алена"),
		chromedp.SendKeys(chromedp.CSS("#f-birth_date"), "12.04.2016"),
		chromedp.SetValue(chromedp.CSS("#f-sex"), "female"),
		press("Сохранить"),
		chromedp.WaitVisible(chromedp.CSS("#child-name")),
		press("Документ и «Контингент»"),
		chromedp.WaitVisible(chromedp.CSS("#f-document_series")),
		chromedp.SendKeys(chromedp.CSS("#f-document_series"), "IV-MЮ"),
		chromedp.SendKeys(chromedp.CSS("#f-document_number"), "123456"),
		press("Найти в «Контингенте»"),
		chromedp.WaitVisible(chromedp.CSS("table.compare")),
	); err != nil {
		t.Fatal(err)
	}
	diffs, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.compare")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Семенова", "Семёнова", "Алёна", "≠"} {
		if !strings.Contains(diffs, want) {
			t.Errorf("comparison lacks %q: %s", want, diffs)
		}
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.compare tr.differs").length`)); n < 3 {
		t.Errorf("%d rows marked as differing, want at least 3 (surname, name, СНИЛС)", n)
	}
	if err := chromedp.Do(ctx,
		press("Принять данные реестра"),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		press("Документ и «Контингент»"),
		press("Сгенерировать номер сертификата"),
		chromedp.WaitVisible(chromedp.CSS("#certificate-number")),
	); err != nil {
		t.Fatal(err)
	}
	number, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#certificate-number")))
	cert, err := e.db.Certificate(context.Background(), number)
	if err != nil || cert.DataSource != "contingent" || !cert.PapersKept {
		t.Fatalf("certificate %+v %v: the record must say the data came from «Контингент» and the papers are kept", cert, err)
	}
	txt := pageText(t, ctx)
	for _, want := range []string{"Семёнова Алёна Игоревна", "112-233-445 95", "IV-МЮ № 123456", "Сертификат учёта", "Подтверждение"} {
		if !strings.Contains(txt, want) {
			t.Errorf("child card lacks %q", want)
		}
	}
}

// TestCertificateRequestInBrowser: a parent presses «Получить сертификат»,
// gets a number at once, and reads where to confirm the child's data.
func TestCertificateRequestInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	parent := e.region.Families[0]
	signIn(t, ctx, e, parent.Email, "demo-parent-2026")
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#f-first_name")),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Ярослава"),
		chromedp.SetValue(chromedp.CSS("#f-birth_date"), "2019-03-08"),
		chromedp.SetValue(chromedp.CSS("#f-sex"), "female"),
		press("СОХРАНИТЬ"),
		chromedp.WaitVisible(chromedp.CSS("#confirm-state")),
		press("Получить сертификат"),
		chromedp.WaitVisible(chromedp.CSS("#certificate")),
	); err != nil {
		t.Fatal(err)
	}
	txt := pageText(t, ctx)
	for _, want := range []string{"Ждёт подтверждения данных ребёнка", "не подтверждены", "Где подтвердить данные", "Часы приёма"} {
		if !strings.Contains(txt, want) {
			t.Errorf("cabinet lacks %q:\n%s", want, txt)
		}
	}
	// The certificate prints from the cabinet.
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#certificate a"), "href"))
	if err != nil || !strings.HasSuffix(href.Value, "certificate.pdf") {
		t.Fatalf("no print link: %v", err)
	}
}
