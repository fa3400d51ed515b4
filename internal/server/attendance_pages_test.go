package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestAttendanceInBrowser walks the journal on a 360-pixel phone without
// JavaScript: the provider opens last month's journal from the group,
// saves a lesson with no mark chosen and reads why beside the form, marks
// five lessons, forms the month's report and sends it; the municipal
// admin finds it, is told in place that a return needs remarks, and
// accepts it. No page shows an internal code; dates read ДД.ММ.ГГГГ.
func TestAttendanceInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	e := newEnv(t, store.SQLite)
	w := newHoursWorld(t, e)
	b := browsertest.New(t)
	signIn(t, b, e, "provider@demo.example.ru", "demo-provider-2026")
	journal := fmt.Sprintf("%s/admin/groups/%d/attendance?month=%s", e.srv.URL, w.gid, w.month)
	if err := chromedp.Do(b, chromedp.Navigate(journal), chromedp.WaitVisible(chromedp.CSS(".lesson-day"))); err != nil {
		t.Fatal(err)
	}
	text := lookAt(t, b, "attendance-journal-360")
	for _, want := range []string{"Журнал посещаемости", "Присутствовал", "Отсутствовал по уважительной причине", w.lessons[0].Russian(), "2\u00a0ч"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the journal lacks %q: %s", want, text)
		}
	}
	day := func(i int) string { return "#d-" + w.lessons[i].String() }
	// Saved with no mark chosen: told beside the lesson, nothing lost.
	if err := chromedp.Do(b, chromedp.Click(day(0)+` button[type="submit"]`), chromedp.WaitVisible(chromedp.CSS(day(0)+".failed .error"))); err != nil {
		t.Fatal(err)
	}
	if text := lookAt(t, b, "attendance-refused-360"); !strings.Contains(text, "Отметьте хотя бы одного ребёнка") {
		t.Fatalf("the refusal: %s", text)
	}
	for i, m := range []string{"present", "present", "absent_valid", "present", "absent"} {
		radio := fmt.Sprintf(`%s input[name="mark_%d"][value="%s"]`, day(i), w.child, m)
		if err := chromedp.Do(b, chromedp.Click(radio), chromedp.Click(day(i)+` button[type="submit"]`), chromedp.WaitVisible(chromedp.CSS(day(i)+" .done"))); err != nil {
			t.Fatalf("lesson %d: %v", i, err)
		}
	}
	lookAt(t, b, "attendance-marked-360")
	checked, err := chromedp.Run(b, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector('%s input[name="mark_%d"][value="absent_valid"]').checked`, day(2), w.child)))
	if err != nil || !checked {
		t.Fatalf("the saved mark is not shown: %v %v", checked, err)
	}
	// The month's report, formed and sent.
	if err := chromedp.Do(b, chromedp.Navigate(e.srv.URL+"/admin/executor-reports"), chromedp.WaitVisible(chromedp.CSS("#f-month"))); err != nil {
		t.Fatal(err)
	}
	lookAt(t, b, "executor-reports-provider-360")
	if err := chromedp.Do(b, press("Составить отчёт"), chromedp.WaitVisible(chromedp.CSS("#status"))); err != nil {
		t.Fatal(err)
	}
	if text := lookAt(t, b, "executor-report-draft-360"); !strings.Contains(text, "Черновик") || !strings.Contains(text, "6\u00a0ч") || !strings.Contains(text, "СФО-") {
		t.Fatalf("the draft: %s", text)
	}
	if err := chromedp.Do(b, press("Направить в муниципалитет"), chromedp.WaitVisible(chromedp.CSS(".done"))); err != nil {
		t.Fatal(err)
	}
	lookAt(t, b, "executor-report-submitted-360")

	admin := browsertest.New(t)
	signIn(t, admin, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
	if err := chromedp.Do(admin, chromedp.Navigate(e.srv.URL+"/admin/executor-reports"), chromedp.WaitVisible(chromedp.CSS(".cards a"))); err != nil {
		t.Fatal(err)
	}
	lookAt(t, admin, "executor-reports-municipal-360")
	if err := chromedp.Do(admin, chromedp.Click(chromedp.CSS(".cards a")), chromedp.WaitVisible(chromedp.CSS("#f-remarks")),
		press("Вернуть на доработку"), chromedp.WaitVisible(chromedp.CSS("#e-remarks"))); err != nil {
		t.Fatal(err)
	}
	lookAt(t, admin, "executor-report-return-refused-360")
	if err := chromedp.Do(admin, press("Принять отчёт"), chromedp.WaitVisible(chromedp.CSS(".done"))); err != nil {
		t.Fatal(err)
	}
	text = lookAt(t, admin, "executor-report-accepted-360")
	for _, want := range []string{"Принят", "Реестр на оплату", "Файл для казначейства", "6\u00a0ч"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the accepted report lacks %q: %s", want, text)
		}
	}
	if err := chromedp.Do(admin, chromedp.Navigate(fmt.Sprintf("%s/admin/agreements/%d", e.srv.URL, w.contract)), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if text := lookAt(t, admin, "agreement-card-360"); !strings.Contains(text, "Соглашение № СФО-") || !strings.Contains(text, "Оплачено") {
		t.Fatalf("the agreement card: %s", text)
	}
}
