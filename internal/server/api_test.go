package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/storetest"
)

func TestPublicAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			e.run(t, []scenario{
				{name: "healthz", path: "/healthz", status: 200, contains: []string{`"ok"`}},
				{name: "readyz", path: "/readyz", status: 200, contains: []string{`"ready"`}},
				{name: "municipalities", path: "/api/v1/municipalities", status: 200, contains: []string{"г. Блестящий", `"id"`}},
				{name: "directions", path: "/api/v1/directions", status: 200,
					contains: []string{`"code":"social"`, `"code":"science"`, `"code":"art"`, `"code":"sport"`, `"code":"tourism"`, `"code":"technical"`, `"code":"other"`}},
				{name: "programs", path: "/api/v1/programs", status: 200, contains: []string{`"items"`, `"total"`, `"price_per_month"`}},
				{name: "search by word form", path: "/api/v1/programs?q=" + urlq("рисованию"), status: 200, contains: []string{"исован"}},
				{name: "filter unknown direction", path: "/api/v1/programs?direction=magic", status: 422,
					contains: []string{`"field":"direction"`}, header: map[string]string{"Content-Type": "application/problem+json"}},
				{name: "bad page number", path: "/api/v1/programs?page=x", status: 400, header: map[string]string{"Content-Type": "application/problem+json"}},
				{name: "per_page capped", path: "/api/v1/programs?per_page=1000", status: 200},
				{name: "missing program", path: "/api/v1/programs/999999", status: 404, contains: []string{`"title":"Не найдено"`}},
				{name: "non-numeric program id", path: "/api/v1/programs/abc", status: 404},
				{name: "certificate offices", path: "/api/v1/certificate-offices", status: 200,
					contains: []string{"Дом детского творчества «Центральный»", `"responsible_persons"`, `"schedule"`}},
				{name: "unknown api path", path: "/api/v1/nothing-here", status: 404,
					header: map[string]string{"Content-Type": "application/problem+json"}, contains: []string{"Такого адреса в API нет"}},
				{name: "wrong method", method: "DELETE", path: "/api/v1/programs", status: 405,
					header: map[string]string{"Allow": "GET", "Content-Type": "application/problem+json"}},
				{name: "login malformed json", method: "POST", path: "/api/v1/auth/login", body: `{"email":`, status: 400,
					contains: []string{"не корректный JSON"}},
				{name: "login unknown field", method: "POST", path: "/api/v1/auth/login", body: `{"email":"a@b.ru","password":"x","pasword":"y"}`, status: 400,
					contains: []string{"pasword"}},
				{name: "login trailing data", method: "POST", path: "/api/v1/auth/login", body: `{"email":"a@b.ru","password":"x"} {}`, status: 400},
				{name: "login missing fields", method: "POST", path: "/api/v1/auth/login", body: `{}`, status: 422,
					contains: []string{`"field":"email"`, `"field":"password"`}},
				{name: "me without session", path: "/api/v1/me", status: 401},
				{name: "bad bearer", path: "/api/v1/me", headers: []string{"Authorization", "Bearer nope"}, status: 401},
				{name: "security headers", path: "/", status: 200,
					header: map[string]string{"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'", "X-Frame-Options": "DENY"}},
				{name: "body too large", method: "POST", path: "/api/v1/auth/login", body: `{"email":"` + strings.Repeat("a", 2<<20) + `"}`, status: 413},
			})
		})
	}
}

func urlq(s string) string { return url.QueryEscape(s) }

func TestProgramDetail(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			_, body := e.do(t, "GET", "/api/v1/programs?per_page=1", "")
			var page navigator.ProgramPage
			if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Items) != 1 {
				t.Fatalf("list: %v %s", err, body)
			}
			if page.Total < 500 {
				t.Errorf("total %d, want the 500+ demo programs", page.Total)
			}
			resp, body := e.do(t, "GET", fmt.Sprintf("/api/v1/programs/%d", page.Items[0].ID), "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("detail: %d %s", resp.StatusCode, body)
			}
			var raw map[string]any
			if err := json.Unmarshal([]byte(body), &raw); err != nil {
				t.Fatal(err)
			}
			for _, field := range []string{"id", "title", "direction", "organization", "municipality_id", "age_from", "age_to", "registry", "price_per_month", "groups"} {
				if _, ok := raw[field]; !ok {
					t.Errorf("detail lacks %q", field)
				}
			}
			groups, _ := raw["groups"].([]any)
			if len(groups) == 0 {
				t.Fatal("no groups")
			}
			g := groups[0].(map[string]any)
			for _, field := range []string{"id", "name", "capacity", "seats_left", "schedule", "accepting"} {
				if _, ok := g[field]; !ok {
					t.Errorf("group lacks %q", field)
				}
			}
			if _, ok := raw["price_per_month"].(string); !ok {
				t.Errorf("price_per_month is %T, want a decimal string", raw["price_per_month"])
			}
		})
	}
}
