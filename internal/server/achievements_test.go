package server_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestAchievementsByParentAndProvider(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "sqlite")
	me := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
	provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
	otherProvider := staffToken(t, e, "provider.zarechny@demo.example.ru", "demo-provider2-2026")
	c := call(t, e, me, "POST", "/api/v1/me/children", `{"first_name": "Лев", "birth_date": "2016-01-10", "sex": "male"}`, 201)
	op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
	call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", id(c)), `{"snils": "08765430300"}`, 200)
	call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", id(c)), `{"type": "accounting"}`, 201)
	path := fmt.Sprintf("/api/v1/admin/children/%d/achievements", id(c))
	body := `{"title": "Городской шахматный турнир", "level": "municipal", "date": "2026-10-01", "result": "2 место"}`
	// Before the child applied to it, the provider does not see the child.
	call(t, e, provider, "POST", path, body, 404)

	page := call(t, e, nil, "GET", "/api/v1/programs?q="+urlq("Центральный")+"&age=10&per_page=100", "", 200)
	var gid int64
	for _, it := range page["items"].([]any) {
		p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%.0f", it.(map[string]any)["id"]), "", 200)
		if !strings.Contains(p["organization"].(string), "Центральный") {
			continue
		}
		for _, g := range p["groups"].([]any) {
			if g := g.(map[string]any); g["accepting"] == true && gid == 0 {
				gid = int64(g["id"].(float64))
			}
		}
	}
	if gid == 0 {
		t.Fatal("no accepting group of ДДТ «Центральный» for age 10")
	}
	call(t, e, me, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, id(c), gid), 201)
	call(t, e, provider, "POST", path, body, 201)
	call(t, e, otherProvider, "POST", path, body, 404)
	call(t, e, provider, "POST", path, `{"title": "", "level": "cosmic", "date": "2099-01-01"}`, 422)
	call(t, e, me, "POST", fmt.Sprintf("/api/v1/me/children/%d/achievements", id(c)), `{"title": "Выставка рисунков", "level": "school", "date": "2026-09-15", "result": "диплом"}`, 201)
	list := call(t, e, me, "GET", "/api/v1/me/achievements", "", 200)
	if list["total"].(float64) != 2 || !strings.Contains(fmt.Sprint(list["items"]), "added_by_provider:true") {
		t.Fatalf("achievements %v", list)
	}
}
