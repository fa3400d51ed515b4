package server_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestProviderCabinetInBrowser: a provider writes a program, publishes it,
// opens a group, and enrols a child who applied.
func TestProviderCabinetInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	signIn(t, ctx, e, "provider@demo.example.ru", "demo-provider-2026")
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#total")), // the provider starts in «Заявки»
		press("Программы"),
		chromedp.WaitVisible(chromedp.CSS("#f-title")),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Лепка из солёного теста"),
		chromedp.SetValue(chromedp.CSS("#f-direction"), "art"),
		chromedp.SendKeys(chromedp.CSS("#f-age_from"), "6"),
		chromedp.SendKeys(chromedp.CSS("#f-age_to"), "12"),
		chromedp.SetValue(chromedp.CSS("#f-registry"), "paid"),
		press("Создать черновик"),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")),
	); err != nil {
		t.Fatal(err)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-title"))); v != "Лепка из солёного теста" {
		t.Fatalf("the title typed was lost: %q", v)
	}
	// Each click below submits a form and loads a page that looks like
	// the one before, so each waits for its own navigation.
	steps := []struct {
		do     []chromedp.Action[chromedp.Void]
		status int
	}{
		{[]chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#f-price_per_month"), "1500"),
			chromedp.SendKeys(chromedp.CSS("#f-description"), "Лепим фигурки из солёного теста, расписываем их и забираем домой."),
			press("Создать черновик")}, 200},
		// Without a group the program cannot be published: the page says so.
		{[]chromedp.Action[chromedp.Void]{press("Опубликовать")}, 422},
		{[]chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.CSS("#f-name"), "Группа выходного дня"),
			chromedp.SendKeys(chromedp.CSS("#f-capacity"), "2"),
			chromedp.SetValue(chromedp.CSS("#f-starts_on"), "2026-09-01"),
			chromedp.SetValue(chromedp.CSS("#f-ends_on"), "2027-05-31"),
			chromedp.SendKeys(chromedp.CSS("#f-start_0"), "11:00"),
			chromedp.SendKeys(chromedp.CSS("#f-end_0"), "12:30"),
			press("Добавить группу")}, 200},
		{[]chromedp.Action[chromedp.Void]{press("Опубликовать")}, 200},
	}
	for i, st := range steps {
		if resp, err := chromedp.RunResponse(ctx, st.do...); err != nil || resp.Status != int64(st.status) {
			t.Fatalf("step %d: %v %v", i, resp, err)
		}
		if st.status == 422 && !strings.Contains(pageText(t, ctx), "Добавьте хотя бы одну группу") {
			t.Fatalf("a refused publication does not say what is missing:\n%s", pageText(t, ctx))
		}
	}
	if !strings.Contains(pageText(t, ctx), "Группа выходного дня") {
		t.Fatalf("the group is not there:\n%s", pageText(t, ctx))
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	pid := regexp.MustCompile(`/admin/programs/(\d+)`).FindStringSubmatch(loc)[1]
	browsertest.CheckAccessibility(t, ctx, "provider's program")

	// A parent applies through the API.
	parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
	prog := call(t, e, nil, "GET", "/api/v1/programs/"+pid, "", 200)
	gid := prog["groups"].([]any)[0].(map[string]any)["id"].(float64)
	c := id(call(t, e, parent, "POST", "/api/v1/me/children", `{"first_name": "Варвара", "birth_date": "2017-05-05", "sex": "female"}`, 201))
	call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %.0f}`, c, gid), 201)

	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/admin/programs/"+pid)); err != nil {
		t.Fatal(err)
	}
	if resp, err := chromedp.RunResponse(ctx, press("Открыть заявки программы")); err != nil || resp.Status != 200 {
		t.Fatalf("the program's applications: %v %v", resp, err)
	}
	// Enrolment without the parent's acceptance needs the paper mark.
	if resp, err := chromedp.RunResponse(ctx, press("Зачислить")); err != nil || resp.Status != 422 {
		t.Fatalf("enrol without the mark: %v %v", resp, err)
	}
	if txt := pageText(t, ctx); !strings.Contains(txt, "Договор подписан на бумаге") || !strings.Contains(txt, "Отметьте") {
		t.Fatalf("the refusal is not explained in place: %s", txt)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`input[name="paper_contract"]`)), press("Зачислить")); err != nil || resp.Status != 200 {
		t.Fatalf("enrol: %v %v", resp, err)
	}
	if txt := strings.ToLower(pageText(t, ctx)); !strings.Contains(txt, "зачислен") || !strings.Contains(txt, "варвара") || !strings.Contains(txt, "расторгнуть договор") {
		t.Fatalf("after enrolment: %s", txt)
	}
}
