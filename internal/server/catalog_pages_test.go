package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"navigator/internal/store"
)

// TestCatalogStartsInParentsMunicipality: a signed-in parent's catalog
// opens on their own municipality (chosen in the filter), «Все» shows the
// region; every card names the town, the course's length and what the
// whole course costs.
func TestCatalogStartsInParentsMunicipality(t *testing.T) {
	t.Parallel()
	e := newEnv(t, store.SQLite)
	var fam = e.region.Families[0]
	for _, f := range e.region.Families {
		if f.MunicipalityCode != "01" {
			fam = f
			break
		}
	}
	town := ""
	for _, m := range e.region.Municipalities {
		if m.Code == fam.MunicipalityCode {
			town = m.Name
		}
	}
	session := parentSession(t, e, fam.Email)
	me := call(t, e, session, "GET", "/api/v1/me", "", 200)
	mid := int64(me["municipality_id"].(float64))
	own := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs?municipality_id=%d", mid), "", 200)
	all := call(t, e, nil, "GET", "/api/v1/programs", "", 200)
	count := regexp.MustCompile(`Найдено: (\d+)`)

	_, _, body, _ := e.page(t, session, "GET", "/programs", nil)
	if m := count.FindStringSubmatch(body); m == nil || m[1] != fmt.Sprint(own["total"]) {
		t.Fatalf("the parent's catalog found %v, want the municipality's %v", m, own["total"])
	}
	if !strings.Contains(body, fmt.Sprintf(`<option value="%d" selected>`, mid)) {
		t.Error("the filter does not show the parent's municipality chosen")
	}
	if !strings.Contains(body, town+" · курс ") || !strings.Contains(body, "весь курс — ") {
		t.Errorf("the cards do not name %s, the course's length and its cost", town)
	}
	_, _, body, _ = e.page(t, session, "GET", "/programs?municipality_id=", nil)
	if m := count.FindStringSubmatch(body); m == nil || m[1] != fmt.Sprint(all["total"]) {
		t.Fatalf("«Все» found %v, want the region's %v", m, all["total"])
	}
	_, _, body, _ = e.page(t, nil, "GET", "/programs", nil)
	if m := count.FindStringSubmatch(body); m == nil || m[1] != fmt.Sprint(all["total"]) {
		t.Fatalf("a visitor's catalog found %v, want the region's %v", m, all["total"])
	}
}

// TestProgramPageSaysWhatIsMissing: before «Записаться» the program page
// tells, for each child who cannot apply, why and where to go — no
// certificate (the child's card), an application to the program already
// live (that application) — and offers the button only to the others.
func TestProgramPageSaysWhatIsMissing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, store.SQLite)
	parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
	session := parentSession(t, e, e.region.Families[0].Email)
	program, group := groupOf(t, e, "registry=paid&age=10")
	budgetProgram, _ := groupOf(t, e, "registry=budget&age=10")
	kid := id(call(t, e, parent, "POST", "/api/v1/me/children", `{"first_name": "Тимофей", "last_name": "Нетов", "birth_date": "2016-02-01", "sex": "male"}`, 201))

	_, _, body, _ := e.page(t, session, "GET", fmt.Sprintf("/programs/%d", budgetProgram), nil)
	if !strings.Contains(body, "<b>Нетов Тимофей:</b> Для записи на эту программу нужен сертификат") ||
		!strings.Contains(body, fmt.Sprintf(`<a href="/cabinet/children/%d">Карточка ребёнка</a>`, kid)) {
		t.Error("a budget program does not say the child needs a certificate, or where to get one")
	}
	if strings.Contains(body, fmt.Sprintf(`<option value="%d">Нетов Тимофей</option>`, kid)) {
		t.Error("the button is offered to a child who cannot apply")
	}

	_, _, body, _ = e.page(t, session, "GET", fmt.Sprintf("/programs/%d", program), nil)
	if !strings.Contains(body, fmt.Sprintf(`<option value="%d">Нетов Тимофей</option>`, kid)) {
		t.Fatal("a paid program for the child's age does not offer «Записаться»")
	}
	app := id(call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, kid, group), 201))
	_, _, body, _ = e.page(t, session, "GET", fmt.Sprintf("/programs/%d", program), nil)
	if !strings.Contains(body, fmt.Sprintf("Заявка № %d на эту программу уже подана", app)) ||
		!strings.Contains(body, fmt.Sprintf(`<a href="/cabinet/applications/%d">Открыть заявку</a>`, app)) ||
		strings.Contains(body, fmt.Sprintf(`<option value="%d">Нетов Тимофей</option>`, kid)) {
		t.Error("after applying, the program page does not say the application is there")
	}
}

// parentSession signs a demo parent in through the sign-in form and
// returns the session cookie as a header.
func parentSession(t *testing.T, e *env, email string) []string {
	t.Helper()
	status, _, _, cookies := e.page(t, nil, "POST", "/login", url.Values{"email": {email}, "password": {"demo-parent-2026"}})
	if status != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d", email, status)
	}
	for _, c := range cookies {
		if c.Name == "navigator_session" {
			return []string{"Cookie", c.Name + "=" + c.Value}
		}
	}
	t.Fatalf("sign in %s: no session cookie", email)
	return nil
}
