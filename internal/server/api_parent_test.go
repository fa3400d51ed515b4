package server_test

import (
	"fmt"
	"strings"
	"testing"

	"navigator/internal/storetest"
)

func TestRegisterAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ms := []map[string]any{}
			_, body := e.do(t, "GET", "/api/v1/municipalities", "")
			if !strings.Contains(body, "Блестящий") {
				t.Fatal(body)
			}
			_ = ms
			ok := `{"municipality_id": 1, "last_name": "Семёнова", "first_name": "Алёна", "patronymic": "Игоревна",
				"phone": "+7 (913) 123-45-67", "email": "Alena.Semenova@example.ru", "password": "тёплый вечер у реки", "consent": true}`
			e.run(t, []scenario{
				{name: "missing consent", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, `"consent": true`, `"consent": false`, 1), status: 422, contains: []string{`"field":"consent"`}},
				{name: "weak password", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, "тёплый вечер у реки", "12345678", 1), status: 422, contains: []string{`"field":"password"`}},
				{name: "short password", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, "тёплый вечер у реки", "корот", 1), status: 422, contains: []string{`"field":"password"`}},
				{name: "malformed phone", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, "+7 (913) 123-45-67", "+1 555 0100", 1), status: 422, contains: []string{`"field":"phone"`}},
				{name: "malformed e-mail", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, "Alena.Semenova@example.ru", "alena@", 1), status: 422, contains: []string{`"field":"email"`}},
				{name: "unknown municipality", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, `"municipality_id": 1`, `"municipality_id": 999`, 1), status: 422, contains: []string{`"field":"municipality_id"`}},
				{name: "unknown field", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, `"consent": true`, `"consent": true, "role": "regional_admin"`, 1), status: 400, contains: []string{"role"}},
				{name: "registered", method: "POST", path: "/api/v1/auth/register", body: ok, status: 201, contains: []string{`"email":"alena.semenova@example.ru"`, `"email_verified":false`, `"status":"check_email"`}, notContain: []string{"password"}},
				// Signing up again before the link is followed: the newest letter's link makes the account.
				{name: "again in other case", method: "POST", path: "/api/v1/auth/register", body: strings.Replace(ok, "Alena.Semenova@example.ru", "ALENA.SEMENOVA@EXAMPLE.RU", 1), status: 201, contains: []string{`"email":"alena.semenova@example.ru"`}},
			})
			// The letter with the link is in the outbox.
			letters, err := e.db.Outbox(t.Context(), 5)
			if err != nil || len(letters) == 0 || letters[0].To != "alena.semenova@example.ru" || !strings.Contains(letters[0].Body, "/verify-email?token=") {
				t.Fatalf("outbox %v %v", letters, err)
			}
		})
	}
}

func TestParentAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			me := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			other := staffToken(t, e, e.region.Families[1].Email, "demo-parent-2026")
			c := call(t, e, me, "POST", "/api/v1/me/children", `{"first_name": "Ярослава", "birth_date": "2016-03-08", "sex": "female"}`, 201)
			path := fmt.Sprintf("/api/v1/me/children/%d", id(c))
			call(t, e, me, "GET", path, "", 200)
			call(t, e, other, "GET", path, "", 404)
			call(t, e, other, "POST", path+"/certificate-request", "", 404)
			call(t, e, me, "POST", "/api/v1/me/children", `{"birth_date": "2030-01-01", "sex": "female"}`, 422)
			if p := call(t, e, me, "POST", "/api/v1/me/children", `{"birth_date": "2016-01-01", "sex": "female"}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "first_name") {
				t.Fatalf("a child without a name from the cabinet: %v", p)
			}
			call(t, e, me, "POST", "/api/v1/me/children", `{"birth_date": "2016-01-01", "sex": "x"}`, 422)
			cert := call(t, e, me, "POST", path+"/certificate-request", "", 201)
			if cert["type"] != "unconfirmed" || len(cert["number"].(string)) != 10 {
				t.Fatalf("certificate %v", cert)
			}
			call(t, e, me, "POST", path+"/certificate-request", "", 409)

			// Two programs put aside and reordered.
			page := call(t, e, nil, "GET", "/api/v1/programs?age=10&per_page=2&registry=paid", "", 200)
			items := page["items"].([]any)
			p1, p2 := int64(items[0].(map[string]any)["id"].(float64)), int64(items[1].(map[string]any)["id"].(float64))
			call(t, e, me, "PUT", fmt.Sprintf("/api/v1/me/deferred/%d", p1), `{"rank": 1}`, 200)
			call(t, e, me, "PUT", fmt.Sprintf("/api/v1/me/deferred/%d", p2), `{"rank": 1}`, 200)
			list := call(t, e, me, "GET", "/api/v1/me/deferred", "", 200)
			first := list["items"].([]any)[0].(map[string]any)["program"].(map[string]any)
			if int64(first["id"].(float64)) != p2 {
				t.Fatalf("rank 1 is %v, want %d", first["id"], p2)
			}
			// Put aside again without a rank: it keeps its place.
			call(t, e, me, "PUT", fmt.Sprintf("/api/v1/me/deferred/%d", p2), `{}`, 200)
			list = call(t, e, me, "GET", "/api/v1/me/deferred", "", 200)
			if first := list["items"].([]any)[0].(map[string]any)["program"].(map[string]any); int64(first["id"].(float64)) != p2 {
				t.Fatalf("putting aside again moved it: rank 1 is %v", first["id"])
			}
			call(t, e, me, "PUT", fmt.Sprintf("/api/v1/me/deferred/%d", p1), `{"rank": "first"}`, 400)
			call(t, e, me, "DELETE", fmt.Sprintf("/api/v1/me/deferred/%d", p1), "", 204)
			call(t, e, me, "DELETE", fmt.Sprintf("/api/v1/me/deferred/%d", p1), "", 404)
			call(t, e, other, "GET", fmt.Sprintf("/api/v1/me/deferred/%d", p2), "", 404)

			// Apply to a group of a program for her age, then withdraw.
			prog := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", p2), "", 200)
			var gid int64
			for _, g := range prog["groups"].([]any) {
				if g := g.(map[string]any); g["accepting"] == true && gid == 0 {
					gid = int64(g["id"].(float64))
				}
			}
			if gid == 0 {
				t.Fatal("the demo program has no accepting group: the demo is deterministic, so the demo changed")
			}
			app := call(t, e, me, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, id(c), gid), 201)
			if app["status"] != "pending" && app["status"] != "waitlisted" {
				t.Fatalf("application %v", app)
			}
			dup := call(t, e, me, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, id(c), gid), 409)
			if dup["code"] != "duplicate" {
				t.Fatalf("duplicate %v", dup)
			}
			call(t, e, other, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, id(c), gid), 404)
			apps := call(t, e, me, "GET", "/api/v1/me/applications", "", 200)
			if !strings.Contains(fmt.Sprint(apps), "status_text") {
				t.Fatalf("applications %v", apps)
			}
			call(t, e, other, "POST", fmt.Sprintf("/api/v1/applications/%d/cancel", id(app)), "", 404)
			call(t, e, me, "POST", fmt.Sprintf("/api/v1/applications/%d/cancel", id(app)), "", 200)
			call(t, e, me, "POST", fmt.Sprintf("/api/v1/applications/%d/cancel", id(app)), "", 409)
		})
	}
}
