package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"navigator/internal/storetest"
)

// groupOf finds an accepting group of a published program that fits the
// filter, from the public API.
func groupOf(t *testing.T, e *env, filter string) (programID, groupID int64) {
	t.Helper()
	page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&"+filter, "", 200)
	for _, it := range page["items"].([]any) {
		pid := int64(it.(map[string]any)["id"].(float64))
		p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", pid), "", 200)
		for _, g := range p["groups"].([]any) {
			if g := g.(map[string]any); g["accepting"] == true && g["seats_left"].(float64) > 2 {
				return pid, int64(g["id"].(float64))
			}
		}
	}
	t.Fatalf("no accepting group for %s", filter)
	return 0, 0
}

// TestApplicationRules: each refusal code of API.md, and the success of
// the right certificate, on both engines.
func TestApplicationRules(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			child := func(birth string) int64 {
				return id(call(t, e, parent, "POST", "/api/v1/me/children", fmt.Sprintf(`{"first_name": "Тест", "birth_date": %q, "sex": "male"}`, birth), 201))
			}
			apply := func(c, g int64, status int) map[string]any {
				return call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, g), status)
			}
			budgetProgram, budget := groupOf(t, e, "registry=budget&age=10")
			_, certified := groupOf(t, e, "registry=certified&age=10")
			_, paid := groupOf(t, e, "registry=paid&age=10")

			none := child("2016-02-01")
			if p := apply(none, budget, 422); p["code"] != "no_certificate" {
				t.Fatalf("no certificate: %v", p)
			}
			apply(none, paid, 201) // the family pays: no certificate needed

			unconf := child("2016-02-02")
			call(t, e, parent, "POST", fmt.Sprintf("/api/v1/me/children/%d/certificate-request", unconf), "", 201)
			if p := apply(unconf, budget, 422); p["code"] != "unconfirmed_certificate" {
				t.Fatalf("unconfirmed: %v", p)
			}
			if p := apply(child("2022-01-01"), paid, 422); p["code"] != "age" {
				t.Fatalf("age: %v", p)
			}

			// An office confirms: now budget programs take the child, up to
			// the municipality's limit of budget programs (3 in the demo).
			call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", unconf), `{"snils": "112-233-445 95"}`, 200)
			apply(unconf, budget, 201)
			if p := apply(unconf, budget, 409); p["code"] != "duplicate" {
				t.Fatalf("duplicate: %v", p)
			}
			others := 0
			page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&registry=budget&age=10", "", 200)
			limitHit := false
			for _, it := range page["items"].([]any) {
				if int64(it.(map[string]any)["id"].(float64)) == budgetProgram {
					continue
				}
				p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%.0f", it.(map[string]any)["id"]), "", 200)
				for _, g := range p["groups"].([]any) {
					g := g.(map[string]any)
					if g["accepting"] != true {
						continue
					}
					resp, body := e.do(t, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %.0f}`, unconf, g["id"]), parent...)
					if resp.StatusCode == 201 {
						others++
					} else if strings.Contains(body, `"code":"limit"`) {
						limitHit = true
					}
					break
				}
				if limitHit {
					break
				}
			}
			if !limitHit || others != 2 {
				t.Fatalf("limit: %d more budget programs before the limit, hit %v", others, limitHit)
			}
			// Another group of the same program: one live application per
			// program, whichever group; after withdrawing, the other group
			// takes the child.
			g1, g2 := twoGroupsOfOneProgram(t, e)
			other := child("2016-04-04")
			first := id(apply(other, g1, 201))
			if p := apply(other, g2, 409); p["code"] != "duplicate" || !strings.Contains(p["detail"].(string), "другую группу") {
				t.Fatalf("a second group of the same program: %v", p)
			}
			call(t, e, parent, "POST", fmt.Sprintf("/api/v1/applications/%d/cancel", first), "", 200)
			apply(other, g2, 201)

			// A certified program with an accounting certificate: the family pays.
			apply(unconf, certified, 201)

			// Closed group.
			if p := apply(child("2016-03-03"), closedGroup(t, e), 422); p["code"] != "closed" {
				t.Fatalf("closed: %v", p)
			}
		})
	}
}

// twoGroupsOfOneProgram finds a paid program for a ten-year-old with two
// groups that accept applications.
func twoGroupsOfOneProgram(t *testing.T, e *env) (int64, int64) {
	t.Helper()
	page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&registry=paid&age=10", "", 200)
	for _, it := range page["items"].([]any) {
		p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%.0f", it.(map[string]any)["id"]), "", 200)
		var open []int64
		for _, g := range p["groups"].([]any) {
			if g := g.(map[string]any); g["accepting"] == true {
				open = append(open, int64(g["id"].(float64)))
			}
		}
		if len(open) >= 2 {
			return open[0], open[1]
		}
	}
	t.Fatal("the demo has no paid program for a ten-year-old with two accepting groups")
	return 0, 0
}

// closedGroup finds a group that does not accept applications.
func closedGroup(t *testing.T, e *env) int64 {
	t.Helper()
	for pid := 1; pid < 700; pid++ {
		resp, _ := e.do(t, "GET", fmt.Sprintf("/api/v1/programs/%d", pid), "")
		if resp.StatusCode != 200 {
			continue
		}
		p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", pid), "", 200)
		if p["registry"] != "paid" || p["age_from"].(float64) > 10 || p["age_to"].(float64) < 10 {
			continue
		}
		for _, g := range p["groups"].([]any) {
			if g := g.(map[string]any); g["accepting"] == false {
				return int64(g["id"].(float64))
			}
		}
	}
	t.Fatal("no closed group")
	return 0
}

// TestIdempotentApply: the same key gives the first answer, once, even
// when the retries race; another body with the same key is refused.
func TestIdempotentApply(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			c := id(call(t, e, parent, "POST", "/api/v1/me/children", `{"first_name": "Тест", "birth_date": "2016-02-01", "sex": "male"}`, 201))
			_, g := groupOf(t, e, "registry=paid&age=10")
			body := fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, g)
			hdr := append(append([]string{}, parent...), "Idempotency-Key", "rush-42")
			var wg sync.WaitGroup
			ids := make([]string, 8)
			for i := range ids {
				wg.Add(1)
				go func() {
					defer wg.Done()
					resp, b := e.do(t, "POST", "/api/v1/applications", body, hdr...)
					if resp.StatusCode != http.StatusCreated {
						t.Errorf("retry %d: %d %s", i, resp.StatusCode, b)
					}
					ids[i] = b[:strings.Index(b, ",")]
				}()
			}
			wg.Wait()
			for _, v := range ids[1:] {
				if v != ids[0] {
					t.Fatalf("retries got different applications: %v", ids)
				}
			}
			apps := call(t, e, parent, "GET", "/api/v1/me/applications", "", 200)
			if apps["total"].(float64) != 1 {
				t.Fatalf("%v applications, want 1", apps["total"])
			}
			c2 := id(call(t, e, parent, "POST", "/api/v1/me/children", `{"first_name": "Второй", "birth_date": "2016-02-01", "sex": "male"}`, 201))
			if p := call(t, e, hdr, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c2, g), 422); p["code"] != "idempotency_key" {
				t.Fatalf("key reused for another body: %v", p)
			}
		})
	}
}
