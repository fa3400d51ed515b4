package server_test

import (
	"fmt"
	"strings"
	"testing"

	"navigator/internal/storetest"
)

// TestCertification: a provider cannot put a program in the certified
// registry by itself; it sends it for certification, and the regional
// admin accepts it into the registry or refuses with a reason.
func TestCertification(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			if p := call(t, e, provider, "POST", "/api/v1/admin/programs", `{"title": "Робототехника", "direction": "technical", "age_from": 8, "age_to": 14,
				"registry": "certified", "price_per_month": "3000.00", "normative_cost": "2800.00"}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "not_certified") {
				t.Fatalf("certified without certification: %v", p)
			}
			mk := func(title string) int64 {
				pid := id(call(t, e, provider, "POST", "/api/v1/admin/programs", fmt.Sprintf(`{"title": %q, "direction": "technical", "age_from": 8, "age_to": 14,
					"description": "Собираем и программируем роботов из конструкторов, учимся работать в команде.",
					"registry": "paid", "price_per_month": "3000.00", "normative_cost": "2800.00"}`, title), 201))
				call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/groups", pid), `{"name": "Группа 1", "capacity": 10,
					"starts_on": "2026-09-01", "ends_on": "2027-05-31", "schedule": [{"weekday": 1, "start": "16:00", "end": "17:30"}]}`, 201)
				call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/programs/%d", pid), `{"status": "published"}`, 200)
				return pid
			}
			a, b := mk("Робототехника для начинающих"), mk("Радиоэлектроника")
			call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/programs/%d", a), `{"registry": "certified"}`, 422)
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification", a), "", 200)
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification", a), "", 409)
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification", b), "", 200)
			call(t, e, op, "GET", "/api/v1/admin/certification", "", 403)
			queue := call(t, e, region, "GET", "/api/v1/admin/certification", "", 200)
			if queue["total"].(float64) != 2 {
				t.Fatalf("queue %v", queue)
			}
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification/decision", a), `{"accept": true}`, 403)
			call(t, e, region, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification/decision", a), `{"accept": true}`, 200)
			call(t, e, region, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification/decision", b), `{"accept": false}`, 422)
			call(t, e, region, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/certification/decision", b), `{"accept": false, "reason": "Нет учебного плана"}`, 200)
			if p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", a), "", 200); p["registry"] != "certified" {
				t.Fatalf("accepted program %v", p["registry"])
			}
			if p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", b), "", 200); p["registry"] != "paid" {
				t.Fatalf("refused program %v", p["registry"])
			}
			refused := call(t, e, region, "GET", "/api/v1/admin/certification?status=refused", "", 200)
			if !strings.Contains(fmt.Sprint(refused["items"]), "Нет учебного плана") {
				t.Fatalf("refused %v", refused)
			}
		})
	}
}
