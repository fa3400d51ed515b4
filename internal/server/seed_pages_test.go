package server_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// byText finds a link or button by its Russian text, as a person sees it.
func byText(text string) string {
	return `//*[self::a or self::button][normalize-space()="` + text + `"]`
}

// press clicks a button or link by its text and waits for the next page.
func press(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(byText(text))
}

func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// signIn fills the sign-in form.
func signIn(t *testing.T, ctx context.Context, e *env, email, pw string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), pw),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, press("Войти"), chromedp.WaitVisible(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	// An account with a second factor gets the code screen, and only then.
	if code := e.otp(t, email); code != "" {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#otp")), chromedp.SendKeys(chromedp.CSS("#otp"), code), press("Войти"),
			chromedp.WaitVisible(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
	}
	// The form's answer is a redirect away from /login: wait for it to land.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil && !strings.HasSuffix(loc, "/login") {
			break
		}
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
}

// TestSeed000InBrowser goes through the memo's seven steps in the
// management system, clicking the Russian buttons the memo names.
func TestSeed000InBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	signIn(t, ctx, e, "operator@demo.example.ru", "demo-operator-2026")

	// Step 1: register the site user.
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#q")),
		press("Зарегистрировать пользователя"),
		chromedp.WaitVisible(chromedp.CSS("#f-last_name")),
		chromedp.SendKeys(chromedp.CSS("#f-last_name"), "Без"),
		chromedp.SendKeys(chromedp.CSS("#f-first_name"), "Внесения"),
		chromedp.SendKeys(chromedp.CSS("#f-patronymic"), "Данных"),
		chromedp.SendKeys(chromedp.CSS("#f-phone"), "+7 (111) 111-11-11"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "example@example.com"),
		press("Зарегистрировать"),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	); err != nil {
		t.Fatal(err)
	}
	// Without the paper consent nothing is saved and nothing typed is lost.
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-email"))); v != "example@example.com" {
		t.Fatalf("the e-mail typed was lost: %q", v)
	}
	if !strings.Contains(pageText(t, ctx), "согласие на бумаге") {
		t.Fatal("no message beside the consent")
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name="paper_consent"]`)),
		press("Зарегистрировать"),
		chromedp.WaitVisible(chromedp.CSS(".tabs")),
	); err != nil {
		t.Fatal(err)
	}
	if h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); h1 != "Без Внесения Данных" {
		t.Fatalf("user card heading %q", h1)
	}
	userURL, _ := chromedp.Run(ctx, chromedp.Location())

	// Step 2: the child with only the birth date and sex.
	if err := chromedp.Do(ctx,
		press("Дети"),
		chromedp.WaitVisible(chromedp.CSS("#f-birth_date")),
		chromedp.SendKeys(chromedp.CSS("#f-birth_date"), "01.01.2018"),
		chromedp.SetValue(chromedp.CSS("#f-sex"), "male"),
		press("Сохранить"),
		chromedp.WaitVisible(chromedp.CSS("#child-name")),
	); err != nil {
		t.Fatal(err)
	}
	childURL, _ := chromedp.Run(ctx, chromedp.Location())
	childURL = strings.Split(childURL, "?")[0]

	// Step 3: untick «Резидент РФ» on the user card and save.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(strings.Split(userURL, "?")[0]),
		chromedp.WaitVisible(chromedp.CSS(`input[name="resident_rf"]`)),
		chromedp.Click(chromedp.CSS(`input[name="resident_rf"]`)),
		press("Сохранить"),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatal(err)
	}
	if checked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name="resident_rf"]').checked`)); checked {
		t.Fatal("«Резидент РФ» still ticked")
	}

	// Steps 4–5: «Подтвердить», then «Да», without СНИЛС.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(childURL),
		press("Подтвердить"),
		press("Да"),
		chromedp.WaitVisible(chromedp.CSS("#confirmation")),
	); err != nil {
		t.Fatal(err)
	}
	if txt := pageText(t, ctx); !strings.Contains(txt, "Дом детского творчества «Центральный»") || !strings.Contains(txt, "без СНИЛС") {
		t.Fatalf("the «Подтверждение» block lacks the office: %s", txt)
	}

	// Steps 6–7: «Выдать сертификат», «Сертификат учёта», «Сохранить».
	if err := chromedp.Do(ctx,
		press("Выдать сертификат"),
		chromedp.WaitVisible(chromedp.CSS("#f-type")),
		chromedp.SetValue(chromedp.CSS("#f-type"), "accounting"),
		press("Сохранить"),
		chromedp.WaitVisible(chromedp.CSS("#certificate-number")),
	); err != nil {
		t.Fatal(err)
	}
	number, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#certificate-number")))
	if !regexp.MustCompile(`^5501\d{6}$`).MatchString(number) {
		t.Fatalf("certificate number %q", number)
	}
	if !strings.Contains(pageText(t, ctx), "Сертификат учёта") {
		t.Fatal("type not shown")
	}
	// «Активность» tells in Russian who did what.
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.Split(userURL, "?")[0]), press("Активность"), chromedp.WaitVisible(chromedp.CSS("table.grid"))); err != nil {
		t.Fatal(err)
	}
	activity := pageText(t, ctx)
	for _, want := range []string{"Выдан сертификат", "Данные ребёнка подтверждены", "Изменение карточки пользователя", "Кузнецова Татьяна Николаевна (оператор уполномоченной организации)"} {
		if !strings.Contains(activity, want) {
			t.Errorf("«Активность» lacks %q", want)
		}
	}
}

// TestQuickIssueInBrowser does the same on one screen.
func TestQuickIssueInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	signIn(t, ctx, e, "operator@demo.example.ru", "demo-operator-2026")
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#q")),
		press("Выдача без персональных данных"),
		chromedp.WaitVisible(chromedp.CSS("#f-email")),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "office-prepared@example.ru"),
		chromedp.SendKeys(chromedp.CSS("#f-birth_date"), "01.01.2099"),
		chromedp.SetValue(chromedp.CSS("#f-sex"), "female"),
		press("Выдать сертификат"),
		chromedp.WaitVisible(chromedp.CSS(".field-error")),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pageText(t, ctx), "не может быть в будущем") {
		t.Fatal("no message for a birth date in the future")
	}
	if err := chromedp.Do(ctx,
		chromedp.Clear(chromedp.CSS("#f-birth_date")),
		chromedp.SendKeys(chromedp.CSS("#f-birth_date"), "15.06.2017"),
		press("Выдать сертификат"),
		chromedp.WaitVisible(chromedp.CSS("#certificate-number")),
	); err != nil {
		t.Fatal(err)
	}
	txt := pageText(t, ctx)
	for _, want := range []string{"Без Внесения Данных", "без СНИЛС", "Сертификат учёта", "не резидент РФ"} {
		if !strings.Contains(txt, want) {
			t.Errorf("child card lacks %q", want)
		}
	}
}
