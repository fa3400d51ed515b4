package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// confirmedChild registers a family through the operator and confirms its
// child (the parent is not a resident, so no СНИЛС is needed); it returns
// the child's id and the parent's e-mail.
func confirmedChild(t *testing.T, e *env, op []string, mun int64, i int) (int64, string) {
	t.Helper()
	email := fmt.Sprintf("queue.%d@example.ru", i)
	u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %d, "last_name": "Очередь", "first_name": "Родитель",
		"patronymic": "", "phone": "+7 (912) 000-00-%02d", "email": %q, "password": ""}`, mun, i, email), 201)
	call(t, e, op, "PATCH", fmt.Sprintf("/api/v1/admin/site-users/%d", id(u)), `{"resident_rf": false}`, 200)
	names := []string{"Анна", "Вера", "Галина", "Дарья", "Ева", "Жанна", "Зоя", "Инна", "Кира", "Лада"}
	c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
		fmt.Sprintf(`{"last_name": "Очередь", "first_name": %q, "birth_date": "2016-03-%02d", "sex": "female"}`, names[i%len(names)], i+1), 201)
	call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", id(c)), `{}`, 200)
	return id(c), email
}

// TestQuotaQueueAndSettings: the municipal admin's nominal and quota are
// checked against what is already reserved and issued; a full quota
// queues requests in order of arrival; a larger quota and a freed place
// serve the queue in that order, with a letter to each parent.
func TestQuotaQueueAndSettings(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			ma := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, ma, "GET", "/api/v1/me", "", 200)
			mun := int64(me["municipality_id"].(float64))
			path := fmt.Sprintf("/api/v1/admin/municipalities/%d/settings", mun)

			st := call(t, e, ma, "GET", path, "", 200)
			issued := int(st["financing_issued"].(float64))
			want := 0
			for _, f := range e.region.Families {
				if f.MunicipalityCode == "01" {
					for _, c := range f.Children {
						if c.CertificateType == "financing" {
							want++
						}
					}
				}
			}
			if issued != want || st["financing_nominal"] != "25000.00" {
				t.Fatalf("settings %v, want %d financing certificates issued", st, want)
			}
			put := func(nominal string, quota int, status int) map[string]any {
				return call(t, e, ma, "PUT", path, fmt.Sprintf(`{"financing_nominal": %q, "financing_quota": %d, "budget_limit": 3,
					"financing_to_accounting_days": 60, "children_total": 21400}`, nominal, quota), status)
			}
			// A quota below the certificates already issued is refused.
			if p := put("25000.00", issued-1, 422); !strings.Contains(fmt.Sprint(p["errors"]), "below_issued") {
				t.Fatalf("quota below issued: %v", p)
			}
			// The quota is now full.
			put("25000.00", issued, 200)

			var kids []int64
			var emails []string
			for i := range 3 {
				c, email := confirmedChild(t, e, op, mun, i)
				kids, emails = append(kids, c), append(emails, email)
				cert := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", c), `{"type": "financing"}`, 201)
				if cert["type"] != "accounting" || cert["financing_queue_position"] != float64(i+1) {
					t.Fatalf("request %d with the quota full: %v", i, cert)
				}
			}
			if st = call(t, e, ma, "GET", path, "", 200); st["queue_waiting"] != float64(3) {
				t.Fatalf("queue %v", st)
			}
			// Two more places: the first two requests are served, in order.
			st = put("25000.00", issued+2, 200)
			if st["financing_issued"] != float64(issued+2) || st["queue_waiting"] != float64(1) {
				t.Fatalf("after raising the quota: %v", st)
			}
			numbers := make([]string, 3)
			for i, c := range kids {
				child := call(t, e, op, "GET", fmt.Sprintf("/api/v1/admin/children/%d", c), "", 200)
				cert := child["certificate"].(map[string]any)
				numbers[i] = cert["number"].(string)
				wantType := "financing"
				if i == 2 {
					wantType = "accounting"
				}
				if cert["type"] != wantType {
					t.Fatalf("child %d: certificate %v, want %s", i, cert, wantType)
				}
			}
			letters, err := e.db.Outbox(ctx, 100)
			if err != nil {
				t.Fatal(err)
			}
			served := map[string]bool{}
			for _, l := range letters {
				if strings.Contains(l.Subject, "стал сертификатом финансирования") {
					served[l.To] = true
				}
			}
			if !served[emails[0]] || !served[emails[1]] || served[emails[2]] {
				t.Fatalf("letters to %v", served)
			}
			// A financing certificate turned into an accounting one frees its
			// place for the third request.
			call(t, e, op, "PATCH", "/api/v1/admin/certificates/"+numbers[0], `{"type": "accounting"}`, 200)
			third := call(t, e, op, "GET", "/api/v1/admin/certificates/"+numbers[2], "", 200)
			if third["type"] != "financing" || third["balance"] != "25000.00" {
				t.Fatalf("third request not served: %v", third)
			}

			// A nominal below what one certificate has already used is refused.
			if err := e.db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "UPDATE certificates SET balance = balance - 2000000, reserve = reserve + 2000000 WHERE number = ?", numbers[1])
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if p := put("15000.00", issued+2, 422); !strings.Contains(fmt.Sprint(p["errors"]), "below_reserved") ||
				!strings.Contains(fmt.Sprint(p["detail"]), "не меньше 20") {
				t.Fatalf("nominal below reserved: %v", p)
			}
			// A nominal above it is taken, and certificates on the old
			// nominal get the new one with the difference in their balance.
			put("30000.00", issued+2, 200)
			second := call(t, e, op, "GET", "/api/v1/admin/certificates/"+numbers[1], "", 200)
			if second["nominal"] != "30000.00" || second["balance"] != "10000.00" {
				t.Fatalf("renominated certificate %v", second)
			}
			// Another municipality's settings are out of the municipal admin's scope.
			call(t, e, ma, "GET", fmt.Sprintf("/api/v1/admin/municipalities/%d/settings", mun+1), "", 404)
			call(t, e, op, "GET", path, "", 403)
		})
	}
}

// TestUnusedFinancingConverts: a financing certificate nobody used for the
// municipality's number of days turns into an accounting one with a
// letter to the parent, its nominal expiring in the ledger; a used one
// stays; running the job again changes nothing.
func TestUnusedFinancingConverts(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			mun := int64(me["municipality_id"].(float64))
			unused, email := confirmedChild(t, e, op, mun, 7)
			cert := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", unused), `{"type": "financing"}`, 201)
			number := cert["number"].(string)

			// Nothing converts before the 60 days are over.
			if n, err := e.db.ConvertUnusedFinancing(ctx, time.Now().Add(59*24*time.Hour)); err != nil || n != 0 {
				t.Fatalf("before the time: %d %v", n, err)
			}
			var financing int
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, `SELECT count(*) FROM certificates WHERE type = 'financing' AND status = 'active'
					AND reserve = 0 AND balance = nominal AND municipality_id IN (SELECT municipality_id FROM municipality_periods WHERE financing_to_accounting_days > 0)`).Scan(&financing)
			}); err != nil {
				t.Fatal(err)
			}
			n, err := e.db.ConvertUnusedFinancing(ctx, time.Now().Add(61*24*time.Hour))
			if err != nil || n != int64(financing) || n == 0 {
				t.Fatalf("converted %d, want %d: %v", n, financing, err)
			}
			got := call(t, e, op, "GET", "/api/v1/admin/certificates/"+number, "", 200)
			if got["type"] != "accounting" || got["balance"] != "0.00" {
				t.Fatalf("converted certificate %v", got)
			}
			letters, _ := e.db.Outbox(ctx, 200)
			found := false
			for _, l := range letters {
				if l.To == email && strings.Contains(l.Body, "переведён в сертификат учёта") && strings.Contains(l.Body, number) {
					found = true
				}
			}
			if !found {
				t.Fatal("no letter to the parent")
			}
			if n, err := e.db.ConvertUnusedFinancing(ctx, time.Now().Add(61*24*time.Hour)); err != nil || n != 0 {
				t.Fatalf("second run converted %d: %v", n, err)
			}
			if bad, err := store.Synthetic(e.db).LedgerMismatches(ctx); err != nil || bad != 0 {
				t.Fatalf("ledger mismatches %d %v", bad, err)
			}
		})
	}
}
