package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// hoursWorld is a contract by social certificate of a demo child in a
// group of ДДТ «Центральный» (г. Блестящий) that started last month; the
// group meets on Mondays and Wednesdays for 90 minutes (2 academic hours).
// The demo municipality runs ПФДО, so the contract is turned to hours in
// the database: the pages and the API are the subject here.
type hoursWorld struct {
	contractFixture
	child, contract int64
	month           string
	lessons         []navigator.Date
}

func newHoursWorld(t *testing.T, e *env) *hoursWorld {
	t.Helper()
	ctx := context.Background()
	w := &hoursWorld{contractFixture: newContractFixture(t, e, 5)}
	call(t, e, w.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", w.apps[0]), `{"paper_contract": true}`, 200)
	w.child = w.kids[0]
	now := time.Now().In(navigator.Zone)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	first := navigator.DateOf(thisMonth.AddDate(0, -1, 0))
	w.month = first.String()[:7]
	for d := first; !navigator.EndOfMonth(first).Before(d); d = navigator.DateOf(d.Time().AddDate(0, 0, 1)) {
		if wd := d.Time().Weekday(); wd == time.Monday || wd == time.Wednesday {
			w.lessons = append(w.lessons, d)
		}
	}
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT id FROM contracts WHERE application_id = ?", w.apps[0]).Scan(&w.contract); err != nil {
			return err
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE groups SET starts_on = ?, ends_on = ? WHERE id = ?", []any{navigator.DateOf(thisMonth.AddDate(0, -2, 0)), navigator.DateOf(now.AddDate(0, 3, 0)), w.gid}},
			{"DELETE FROM group_schedule WHERE group_id = ?", []any{w.gid}},
			{"INSERT INTO group_schedule (group_id, weekday, starts_at, ends_at) VALUES (?, 1, '10:00', '11:30'), (?, 3, '10:00', '11:30')", []any{w.gid, w.gid}},
			{"UPDATE contracts SET unit = 'hour', hours_monthly = 1000, hour_cost = 15000, starts_on = ? WHERE id = ?", []any{first, w.contract}},
			{"UPDATE certificates SET unit = 'hour', hours_nominal = 50000, hours_reserve = 10000, hours_balance = 40000 WHERE child_id = ?", []any{w.child}},
		} {
			if _, err := tx.Exec(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestAttendanceAPI: the journal's refusals through the API, with
// nothing written; the month's journal; the report of hand-counted hours
// (3 lessons attended, 1 missed for a valid reason, 1 missed: 6 hours with
// the region's setting off, 8 with it on); its acceptance by the
// municipal admin once; another municipality's admin and another provider
// never see it.
func TestAttendanceAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			w := newHoursWorld(t, e)
			put := func(on navigator.Date, child int64, mark string, status int) map[string]any {
				return call(t, e, w.provider, "PUT", fmt.Sprintf("/api/v1/admin/groups/%d/attendance/%s", w.gid, on),
					fmt.Sprintf(`{"entries": [{"child_id": %d, "mark": %q}]}`, child, mark), status)
			}
			tuesday := navigator.DateOf(w.lessons[0].Time().AddDate(0, 0, 1))
			next := navigator.DateOf(time.Now().In(navigator.Zone).AddDate(0, 0, 1))
			for next.Time().Weekday() != time.Monday {
				next = navigator.DateOf(next.Time().AddDate(0, 0, 1))
			}
			for _, c := range []struct {
				name  string
				on    navigator.Date
				child int64
				code  string
			}{
				{"no lesson that day", tuesday, w.child, "not_a_lesson"},
				{"a lesson ahead", next, w.child, "future"},
				{"a child without a contract", w.lessons[0], w.kids[1], "not_enrolled"},
				{"before the contract", navigator.DateOf(w.lessons[0].Time().AddDate(0, 0, -7)), w.child, "not_enrolled"},
			} {
				if p := put(c.on, c.child, "present", 422); p["code"] != c.code {
					t.Errorf("%s: %v", c.name, p)
				}
			}
			journal := call(t, e, w.provider, "GET", fmt.Sprintf("/api/v1/admin/groups/%d/attendance?month=%s", w.gid, w.month), "", 200)
			for _, l := range journal["lessons"].([]any) {
				for _, en := range l.(map[string]any)["entries"].([]any) {
					if m := en.(map[string]any)["mark"]; m != "" {
						t.Fatalf("a refused day wrote %v", m)
					}
				}
			}
			for i, m := range []string{"present", "present", "absent_valid", "present", "absent"} {
				day := put(w.lessons[i], w.child, m, 200)
				if day["hours"] != "2" {
					t.Fatalf("a lesson of 90 minutes: %v", day)
				}
			}
			zarechny := staffToken(t, e, "provider.zarechny@demo.example.ru", e.staffPassword("provider.zarechny@demo.example.ru"))
			call(t, e, zarechny, "PUT", fmt.Sprintf("/api/v1/admin/groups/%d/attendance/%s", w.gid, w.lessons[0]),
				fmt.Sprintf(`{"entries": [{"child_id": %d, "mark": "absent"}]}`, w.child), 404)
			r := call(t, e, w.provider, "POST", "/api/v1/admin/executor-reports", fmt.Sprintf(`{"organization_id": 0, "month": %q}`, w.month), 201)
			if r["total_hours"] != "6" || r["total_amount"] != "900.00" || r["status"] != "draft" {
				t.Fatalf("the setting off: %v", r)
			}
			if l := r["lines"].([]any)[0].(map[string]any); l["hours"] != "6" || !strings.HasPrefix(l["agreement_number"].(string), "СФО-") {
				t.Fatalf("the line: %v", l)
			}
			if p := call(t, e, w.provider, "POST", "/api/v1/admin/executor-reports", fmt.Sprintf(`{"month": %q}`, w.month), 409); p["code"] != "report_exists" {
				t.Fatalf("the month again: %v", p)
			}
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			call(t, e, region, "PATCH", "/api/v1/admin/report-settings", `{"absent_valid_counts": true}`, 200)
			id := int64(r["id"].(float64))
			r = call(t, e, w.provider, "POST", fmt.Sprintf("/api/v1/admin/executor-reports/%d/submit", id), "", 200)
			if r["total_hours"] != "8" || r["status"] != "submitted" {
				t.Fatalf("the setting on: %v", r)
			}
			municipal := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			// Another municipality's admin: the scope matrix (the demo has one municipal admin).
			call(t, e, zarechny, "GET", fmt.Sprintf("/api/v1/admin/executor-reports/%d", id), "", 404)
			call(t, e, region, "POST", fmt.Sprintf("/api/v1/admin/executor-reports/%d/accept", id), "", 403)
			call(t, e, municipal, "GET", fmt.Sprintf("/api/v1/admin/executor-reports/%d/register?format=csv", id), "", 409)
			r = call(t, e, municipal, "POST", fmt.Sprintf("/api/v1/admin/executor-reports/%d/accept", id), "", 200)
			if r["status"] != "accepted" {
				t.Fatalf("accepted: %v", r)
			}
			if p := call(t, e, municipal, "POST", fmt.Sprintf("/api/v1/admin/executor-reports/%d/accept", id), "", 409); p["code"] != "not_submitted" {
				t.Fatalf("accepting twice: %v", p)
			}
			var charges int
			var reserve navigator.Hours
			ctx := context.Background()
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM ledger_entries WHERE contract_id = ? AND kind = 'charge' AND unit = 'hour'", w.contract).Scan(&charges); err != nil {
					return err
				}
				return tx.QueryRow(ctx, "SELECT hours_reserve FROM certificates WHERE child_id = ?", w.child).Scan(&reserve)
			}); err != nil {
				t.Fatal(err)
			}
			if charges != 1 || reserve != navigator.WholeHours(100)-navigator.WholeHours(8) {
				t.Fatalf("%d charges, reserve %v", charges, reserve)
			}
			body := fetch(t, e, municipal, fmt.Sprintf("/api/v1/admin/executor-reports/%d/register?format=treasury", id))
			if !strings.HasPrefix(body, strings.Join([]string{"register_id", "month", "municipality_code"}, ",")) || !strings.Contains(body, ",8,150.00,1200.00,") {
				t.Fatalf("the treasury's register:\n%s", body)
			}
			g := call(t, e, municipal, "GET", fmt.Sprintf("/api/v1/admin/agreements/%d", w.contract), "", 200)
			if g["hours_charged"] != "8" || g["hour_cost"] != "150.00" {
				t.Fatalf("the agreement: %v", g)
			}
			if pdf := fetch(t, e, w.provider, fmt.Sprintf("/api/v1/admin/agreements/%d/pdf", w.contract)); !strings.HasPrefix(pdf, "%PDF") {
				t.Fatal("the agreement is not a PDF")
			}
			call(t, e, zarechny, "GET", fmt.Sprintf("/api/v1/admin/agreements/%d", w.contract), "", 404)
		})
	}
}

// fetch is the body of a GET that must answer 200.
func fetch(t *testing.T, e *env, auth []string, path string) string {
	t.Helper()
	resp, body := e.do(t, "GET", path, "", auth...)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d: %s", path, resp.StatusCode, body)
	}
	return body
}
