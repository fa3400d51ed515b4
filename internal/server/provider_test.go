package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"navigator"

	"navigator/internal/demo"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestWaitListAndEnrolment: a group of two seats takes two applications
// and wait-lists the third; enrolment reserves the certificate's money;
// a rejection hands the seat to the wait list in arrival order; a
// withdrawal frees it.
func TestWaitListAndEnrolment(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
			other := staffToken(t, e, "provider.zarechny@demo.example.ru", "demo-provider2-2026")

			// A certified program of ДДТ «Центральный» for ten-year-olds.
			var gid int64
			page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&registry=certified&age=10&q="+urlq("Центральный"), "", 200)
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
				t.Fatal("no certified group of ДДТ «Центральный» for age 10")
			}
			if err := e.db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "UPDATE groups SET capacity = 2 WHERE id = ?", gid)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			var apps, kids []int64
			for i := 0; i < 3; i++ {
				name, sex := []string{"Алёна", "Миша", "Ваня"}[i], []string{"female", "male", "male"}[i]
				c := id(call(t, e, parent, "POST", "/api/v1/me/children", fmt.Sprintf(`{"first_name": %q, "birth_date": "2016-0%d-10", "sex": %q}`, name, i+1, sex), 201))
				nine := fmt.Sprintf("1%02d%06d", i, 123457)
				call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", c), fmt.Sprintf(`{"snils": %q}`, nine+demo.SNILSChecksum(nine)), 200)
				call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", c), `{"type": "financing"}`, 201)
				a := call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, gid), 201)
				want := "pending"
				if i == 2 {
					want = "waitlisted"
				}
				if a["status"] != want {
					t.Fatalf("application %d: %v, want %s", i, a["status"], want)
				}
				apps, kids = append(apps, id(a)), append(kids, c)
			}
			list := call(t, e, provider, "GET", fmt.Sprintf("/api/v1/admin/applications?group_id=%d", gid), "", 200)
			items := list["items"].([]any)
			if len(items) != 3 || int64(items[0].(map[string]any)["id"].(float64)) != apps[0] || strings.Contains(fmt.Sprint(items), "snils") {
				t.Fatalf("provider's list %v", items)
			}
			call(t, e, other, "GET", fmt.Sprintf("/api/v1/admin/applications?group_id=%d", gid), "", 200)
			call(t, e, other, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", apps[0]), "", 404)

			enrolled := call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", apps[0]), `{"paper_contract": true}`, 200)
			contract := enrolled["contract"].(map[string]any)
			if contract["reserved"] == "0.00" || contract["certificate_monthly"] == "0.00" {
				t.Fatalf("contract %v", contract)
			}
			// The month is charged once, however often the job runs.
			month := time.Now().In(navigator.Zone).Format("2006-01")
			for run := 0; run < 3; run++ {
				sum, err := e.db.ChargeMonth(ctx, month)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[bool]int{true: 1, false: 0}[run == 0]; sum.Charged != want {
					t.Fatalf("run %d charged %d contracts, want %d", run, sum.Charged, want)
				}
			}
			// A certificate with an open contract cannot be frozen.
			kid := call(t, e, parent, "GET", fmt.Sprintf("/api/v1/me/children/%d", kids[0]), "", 200)
			number := kid["certificate"].(map[string]any)["number"].(string)
			if p := call(t, e, op, "PATCH", "/api/v1/admin/certificates/"+number, `{"status": "frozen"}`, 409); p["code"] != "open_contracts" {
				t.Fatalf("freezing with a contract: %v", p)
			}
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/reject", apps[1]), `{"reason": ""}`, 422)
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/reject", apps[1]), `{"reason": "Группа сформирована по результатам просмотра"}`, 200)
			// The letters greet the parent by name, agree with the child's
			// sex and carry the rejection's reason.
			letters, err := e.db.Outbox(ctx, 20)
			if err != nil {
				t.Fatal(err)
			}
			fam := e.region.Families[0]
			hello := "Здравствуйте, " + fam.FirstName + " " + fam.Patronymic + "!"
			want := map[string][]string{
				fmt.Sprintf("Заявка № %d: Алёна зачислена", apps[0]): {hello, "Алёна зачислена в группу"},
				fmt.Sprintf("Заявка № %d: отклонена", apps[1]):       {hello, "ребёнок: Миша", "Причина: Группа сформирована по результатам просмотра."},
			}
			for _, l := range letters {
				if has, ok := want[l.Subject]; ok {
					for _, w := range has {
						if !strings.Contains(l.Body, w) {
							t.Errorf("the letter «%s» lacks %q:\n%s", l.Subject, w, l.Body)
						}
					}
					delete(want, l.Subject)
				}
			}
			if len(want) > 0 {
				t.Errorf("no letters %v among the last ones", want)
			}
			mine := call(t, e, parent, "GET", "/api/v1/me/applications", "", 200)
			statuses := map[int64]string{}
			for _, it := range mine["items"].([]any) {
				m := it.(map[string]any)
				statuses[int64(m["id"].(float64))] = m["status"].(string)
			}
			if statuses[apps[0]] != "enrolled" || statuses[apps[1]] != "rejected" || statuses[apps[2]] != "pending" {
				t.Fatalf("after the rejection: %v", statuses)
			}
			call(t, e, parent, "POST", fmt.Sprintf("/api/v1/applications/%d/cancel", apps[2]), "", 200)
			var taken, capacity int
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT seats_taken, capacity FROM groups WHERE id = ?", gid).Scan(&taken, &capacity)
			}); err != nil || taken != 1 || capacity != 2 {
				t.Fatalf("seats %d of %d, %v; want 1 of 2", taken, capacity, err)
			}
			// Ending the contract: the month runs out, then the reserve left
			// goes back to the balance and the seat frees.
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/end", apps[0]), `{"reason": ""}`, 422)
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/end", apps[0]), `{"reason": "Переезд семьи"}`, 200)
			sum, err := e.db.ChargeMonth(ctx, month)
			if err != nil || sum.Charged != 0 || sum.Ended != 1 || sum.Released <= 0 {
				t.Fatalf("closing run: %+v %v", sum, err)
			}
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT seats_taken FROM groups WHERE id = ?", gid).Scan(&taken)
			}); err != nil || taken != 0 {
				t.Fatalf("seats taken %d after the contract ended, %v", taken, err)
			}
			// The ledger balances: every certificate's nominal is its balance,
			// its reserve and what was charged.
			var broken int
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, `SELECT count(*) FROM certificates s WHERE type = 'financing' AND nominal <> balance + reserve +
					COALESCE((SELECT SUM(amount) FROM ledger_entries l WHERE l.certificate_id = s.id AND l.kind = 'charge'), 0)`).Scan(&broken)
			}); err != nil || broken != 0 {
				t.Fatalf("%d certificates out of balance, %v", broken, err)
			}
			letters, _ = e.db.Outbox(ctx, 50)
			if !strings.Contains(fmt.Sprint(letters), "зачислен") || !strings.Contains(fmt.Sprint(letters), "в очереди") {
				t.Fatalf("the parent was not told of the status changes: %v", letters)
			}
		})
	}
}
