package server_test

import (
	"fmt"
	"testing"

	"navigator/internal/storetest"
)

// TestStaffSearchFindsAParentAsClerksType: «Пользователи сайта» finds one
// parent by every spelling of the phone a clerk types, by the name in
// any case and with ё as е, by part of the e-mail and by a child's
// certificate number; the list's total agrees with its items and pages.
func TestStaffSearchFindsAParentAsClerksType(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			u := id(call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Щёголева",
				"first_name": "Алёна", "patronymic": "Игоревна", "phone": "+7 913 765-43-21", "email": "shchegoleva.alena@example.ru"}`, me["municipality_id"]), 201))
			c := id(call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", u), `{"birth_date": "2015-03-03", "sex": "female"}`, 201))
			number := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", c), `{"type": "unconfirmed"}`, 201)["number"].(string)
			for _, q := range []string{
				"9137654321", "89137654321", "79137654321", "+79137654321", "+7 913 765-43-21", "+7 (913) 765-43-21", "8 (913) 765 43 21",
				"Щёголева", "щеголева", "ЩЕГОЛЕВА АЛЁНА", "щёголева алена игоревна", "Щег Ал", "shchegoleva", "alena@example", "SHCHEGOLEVA.ALENA@EXAMPLE.RU",
				number,
			} {
				list := call(t, e, op, "GET", "/api/v1/admin/site-users?q="+urlq(q), "", 200)
				items := list["items"].([]any)
				found := false
				for _, it := range items {
					found = found || id(it.(map[string]any)) == u
				}
				if !found || list["total"].(float64) != float64(len(items)) {
					t.Errorf("q=%q: total %v, %d items, found %v", q, list["total"], len(items), found)
				}
			}
			for _, q := range []string{"Щёголева Ирина", "9137654320", "shchegoleva.irina"} {
				if list := call(t, e, op, "GET", "/api/v1/admin/site-users?q="+urlq(q), "", 200); list["total"].(float64) != 0 {
					t.Errorf("q=%q found someone: %v", q, list["items"])
				}
			}
			// The whole list pages: total is the same on every page, and the
			// pages add up to it.
			first := call(t, e, op, "GET", "/api/v1/admin/site-users", "", 200)
			total, per := int(first["total"].(float64)), int(first["per_page"].(float64))
			seen := 0
			for page := 1; page <= (total+per-1)/per; page++ {
				p := call(t, e, op, "GET", fmt.Sprintf("/api/v1/admin/site-users?page=%d", page), "", 200)
				if int(p["total"].(float64)) != total {
					t.Fatalf("page %d says %v in all, page 1 said %d", page, p["total"], total)
				}
				seen += len(p["items"].([]any))
			}
			if seen != total {
				t.Fatalf("the pages hold %d users, the total says %d", seen, total)
			}
		})
	}
}
