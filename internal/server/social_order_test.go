package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// socialFamily finds a demo family of Тарский район (the social
// certificate) whose child holds a financing certificate, and a certified
// group of an included executor there that takes the child, with its
// program's direction ordered by certificate this year.
func socialFamily(t *testing.T, e *env) (email string, childID, groupID, mun int64, direction string) {
	t.Helper()
	ctx := context.Background()
	year := e.db.Now().Year()
	err := e.db.View(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `SELECT u.email, c.id, g.id, s.municipality_id, p.direction
			FROM children c JOIN site_users u ON u.id = c.site_user_id JOIN certificates s ON s.child_id = c.id
			JOIN programs p ON p.registry = 'certified' AND p.status = 'published'
			JOIN executors x ON x.organization_id = p.organization_id AND x.municipality_id = s.municipality_id AND x.status = 'included'
			JOIN social_orders o ON o.municipality_id = s.municipality_id AND o.year = ? AND o.direction = p.direction AND o.method = 'certificate'
			JOIN groups g ON g.program_id = p.id AND g.accepting = TRUE AND g.seats_taken < g.capacity AND g.ends_on >= ?
			WHERE s.unit = 'hour' AND s.type = 'financing'
				AND p.age_from <= ? - CAST(substr(CAST(c.birth_date AS TEXT), 1, 4) AS INTEGER) - 1
				AND p.age_to >= ? - CAST(substr(CAST(c.birth_date AS TEXT), 1, 4) AS INTEGER)
			ORDER BY c.id, g.id LIMIT 1`, year, navigator.Today(e.db.Now()), year, year).Scan(&email, &childID, &groupID, &mun, &direction)
	})
	if err != nil {
		t.Fatalf("no demo family with a social certificate and a group for it: %v", err)
	}
	return
}

// TestSocialOrderAPI: the public order of a social municipality speaks
// hours; a parent's social certificate reads in hours; an application by
// it takes the order's hours; the municipal admin may not cut the volume
// below what is taken (422 below_contracted, problem+json), may not touch
// another municipality's order (404), and publishes a new volume that the
// public order shows at once; the pages show the order and keep what was
// typed next to its error.
func TestSocialOrderAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			year := e.db.Now().Year()
			email, childID, groupID, mun, direction := socialFamily(t, e)
			orderPath := fmt.Sprintf("/api/v1/municipalities/%d/social-order?year=%d", mun, year)

			resp, body := e.do(t, "GET", orderPath, "")
			if resp.StatusCode != 200 || !strings.Contains(body, `"regime":"social"`) || !strings.Contains(body, `"method":"assignment"`) {
				t.Fatalf("public order: %d %s", resp.StatusCode, body)
			}
			if resp, _ := e.do(t, "GET", fmt.Sprintf("/api/v1/municipalities/%d/social-order?year=abc", mun), ""); resp.StatusCode != 422 {
				t.Fatalf("a bad year: %d", resp.StatusCode)
			}

			parent := staffToken(t, e, email, "demo-parent-2026")
			_, body = e.do(t, "GET", fmt.Sprintf("/api/v1/me/children/%d", childID), "", parent...)
			if !strings.Contains(body, `"unit":"hour"`) || !strings.Contains(body, `"nominal":"72"`) {
				t.Fatalf("the child's social certificate: %s", body)
			}
			// A provider out of the registry: the program page says so before the button.
			ctx := context.Background()
			var programID, org int64
			exclude := func(status string) {
				t.Helper()
				if err := e.db.Update(ctx, func(tx *store.Tx) error {
					_, err := tx.Exec(ctx, "UPDATE executors SET status = ? WHERE organization_id = ? AND municipality_id = ?", status, org, mun)
					return err
				}); err != nil {
					t.Fatal(err)
				}
			}
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT g.program_id, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?", groupID).Scan(&programID, &org)
			}); err != nil {
				t.Fatal(err)
			}
			exclude("excluded")
			parentPage := parentSession(t, e, email)
			if status, _, page, _ := e.page(t, parentPage, "GET", fmt.Sprintf("/programs/%d", programID), nil); status != 200 ||
				!strings.Contains(page, "не включена в реестр исполнителей") {
				t.Fatalf("the program page of an excluded executor: %d", status)
			}
			exclude("included")

			resp, body = e.do(t, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, childID, groupID), parent...)
			if resp.StatusCode != 201 {
				t.Fatalf("applying by the social certificate: %d %s", resp.StatusCode, body)
			}
			var order navigator.SocialOrder
			_, body = e.do(t, "GET", orderPath, "")
			if err := json.Unmarshal([]byte(body), &order); err != nil {
				t.Fatal(err)
			}
			line, _ := order.Line(direction)
			if line.HoursContracted <= 0 || line.ChildrenContracted != 1 {
				t.Fatalf("the application holds %v and %d children of %s", line.HoursContracted, line.ChildrenContracted, direction)
			}

			put := func(token []string, id int64, hours string) (*http.Response, string) {
				var lines []string
				for _, l := range order.Directions {
					h := l.Hours.String()
					if l.Direction == direction {
						h = hours
					}
					lines = append(lines, fmt.Sprintf(`{"direction": %q, "method": %q, "hours": %q, "children": %d, "hour_cost": %q}`,
						l.Direction, l.Method, h, l.Children, l.HourCost.String()))
				}
				return e.do(t, "PUT", fmt.Sprintf("/api/v1/admin/municipalities/%d/social-order", id),
					fmt.Sprintf(`{"year": %d, "regime": "social", "directions": [%s]}`, year, strings.Join(lines, ",")), token...)
			}
			tara := staffToken(t, e, "tara@demo.example.ru", e.staffPassword("tara@demo.example.ru"))
			resp, body = put(tara, mun, "1")
			if resp.StatusCode != 422 || !strings.Contains(body, `"code":"below_contracted"`) || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("below the taken volume: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			other := staffToken(t, e, "blestyashchiy@demo.example.ru", e.staffPassword("blestyashchiy@demo.example.ru"))
			if resp, _ := put(other, mun, "5000"); resp.StatusCode != 404 {
				t.Fatalf("another municipality's admin: %d", resp.StatusCode)
			}
			if resp, body := put(tara, mun, "5000"); resp.StatusCode != 200 || !strings.Contains(body, `"hours":"5000"`) {
				t.Fatalf("a new volume: %d %s", resp.StatusCode, body)
			}
			if _, body := e.do(t, "GET", orderPath, ""); !strings.Contains(body, `"hours":"5000"`) {
				t.Fatalf("the public order after the change: %s", body)
			}

			// The reports: the order's execution and the executors.
			resp, body = e.do(t, "GET", "/api/v1/admin/reports/social-order", "", tara...)
			if resp.StatusCode != 200 || !strings.Contains(body, `"direction":"`+direction+`"`) || !strings.Contains(body, `"hours":"5000"`) ||
				!strings.Contains(body, `"children_contracted":1`) {
				t.Fatalf("the social order report: %d %s", resp.StatusCode, body)
			}
			if strings.Contains(body, `"municipality":"г. Блестящий"`) {
				t.Fatal("a municipal admin's report shows another municipality")
			}
			resp, body = e.do(t, "GET", "/api/v1/admin/reports/social-order?format=csv", "", tara...)
			if resp.StatusCode != 200 || !strings.Contains(body, "Заказано, человеко-часов") || !strings.Contains(body, "5000") {
				t.Fatalf("the social order report as CSV: %d %.300s", resp.StatusCode, body)
			}
			if resp, body = e.do(t, "GET", "/api/v1/admin/reports/social-executors", "", tara...); resp.StatusCode != 200 || !strings.Contains(body, `"items":[]`) {
				t.Fatalf("no agreements yet: %d %s", resp.StatusCode, body)
			}
			// The provider accepts and the parent accepts the offer: an agreement.
			var appID int64
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT a.id, p.organization_id FROM applications a JOIN programs p ON p.id = a.program_id WHERE a.child_id = ? AND a.group_id = ?",
					childID, groupID).Scan(&appID, &org)
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.db.AcceptApplication(ctx, appID, org, 0, nil); err != nil {
				t.Fatal(err)
			}
			if resp, body := e.do(t, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", appID), "", parent...); resp.StatusCode != 200 {
				t.Fatalf("accepting the offer: %d %s", resp.StatusCode, body)
			}
			if resp, body = e.do(t, "GET", "/api/v1/admin/reports/social-executors", "", tara...); resp.StatusCode != 200 ||
				!strings.Contains(body, `"agreements":1`) || !strings.Contains(body, `"children":1`) || strings.Contains(body, `"hours_contracted":"0"`) {
				t.Fatalf("the executors report after a contract: %d %s", resp.StatusCode, body)
			}
			// Eight hours given in December, as an accepted report charges them.
			var hourCost navigator.Money
			if err := e.db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.QueryRow(ctx, "SELECT hour_cost FROM contracts WHERE application_id = ?", appID).Scan(&hourCost); err != nil {
					return err
				}
				_, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, month, note, created_at, unit)
					SELECT k.certificate_id, s.period_id, 'charge', 800, k.id, ?, 'test', ?, 'hour' FROM contracts k JOIN certificates s ON s.id = k.certificate_id
					WHERE k.application_id = ?`, fmt.Sprintf("%d-12", year), e.db.Now(), appID)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if _, body = e.do(t, "GET", "/api/v1/admin/reports/social-order", "", tara...); !strings.Contains(body, `"hours_given":"8"`) {
				t.Fatalf("the social order report after hours given: %s", body)
			}
			want := fmt.Sprintf(`"amount_given":"%s"`, navigator.WholeHours(8).Cost(hourCost))
			if _, body = e.do(t, "GET", "/api/v1/admin/reports/social-executors", "", tara...); !strings.Contains(body, `"hours_given":"8"`) || !strings.Contains(body, want) {
				t.Fatalf("the executors report after hours given, want %s: %s", want, body)
			}

			// The pages.
			status, _, page, _ := e.page(t, nil, "GET", fmt.Sprintf("/social-order?municipality_id=%d&year=%d", mun, year), nil)
			if status != 200 || !strings.Contains(page, "Социальный сертификат (189-ФЗ)") || !strings.Contains(page, "5\u00a0000\u00a0ч") ||
				!strings.Contains(page, "Муниципальное задание") {
				t.Fatalf("public order page: %d", status)
			}
			session := pageSession(t, e, "tara@demo.example.ru", e.staffPassword("tara@demo.example.ru"))
			status, _, page, _ = e.page(t, session, "GET", fmt.Sprintf("/admin/social-order?year=%d", year), nil)
			if status != 200 || !strings.Contains(page, "Опубликовать заказ") {
				t.Fatalf("admin order page: %d", status)
			}
			if status, _, page, _ = e.page(t, session, "GET", "/admin/reports", nil); status != 200 || !strings.Contains(page, "Социальный заказ: занято по направленностям") ||
				!strings.Contains(page, "Оказано по социальному заказу") {
				t.Fatalf("the reports page of a social municipality: %d", status)
			}
			form := url.Values{"year": {fmt.Sprint(year)}, "regime": {"social"}}
			for _, l := range order.Directions {
				p := "d_" + l.Direction + "_"
				form.Set(p+"method", string(l.Method))
				form.Set(p+"hours", l.Hours.String())
				form.Set(p+"children", fmt.Sprint(l.Children))
				form.Set(p+"cost", l.HourCost.String())
			}
			form.Set("d_"+direction+"_hours", "0,5")
			status, _, page, _ = e.page(t, session, "POST", fmt.Sprintf("/admin/social-order?year=%d", year), form)
			if status != 422 || !strings.Contains(page, `id="e-d_`+direction+`_hours"`) || !strings.Contains(page, `value="0,5"`) {
				t.Fatalf("below the taken volume on the page: %d", status)
			}
		})
	}
}
