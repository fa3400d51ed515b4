package server_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/demo"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// contractFixture is a certified group of ДДТ «Центральный» with one seat
// and two children of one parent with financing certificates: the first
// application holds the seat, the second waits.
type contractFixture struct {
	gid        int64
	apps, kids []int64
	parent     []string
	provider   []string
	op         []string
}

func newContractFixture(t *testing.T, e *env, seed int) contractFixture {
	t.Helper()
	ctx := context.Background()
	f := contractFixture{
		parent:   staffToken(t, e, familyOf01(t, e, seed), "demo-parent-2026"),
		op:       staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026"),
		provider: staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026"),
	}
	page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&registry=certified&age=10&q="+urlq("Центральный"), "", 200)
	for _, it := range page["items"].([]any) {
		p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%.0f", it.(map[string]any)["id"]), "", 200)
		if !strings.Contains(p["organization"].(string), "Центральный") {
			continue
		}
		for _, g := range p["groups"].([]any) {
			if g := g.(map[string]any); g["accepting"] == true && f.gid == 0 && g["seats_left"].(float64) > 0 {
				f.gid = int64(g["id"].(float64))
			}
		}
	}
	if f.gid == 0 {
		t.Fatal("no certified group of ДДТ «Центральный» for age 10")
	}
	if err := e.db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE groups SET capacity = seats_taken + 1 WHERE id = ?", f.gid)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		c := id(call(t, e, f.parent, "POST", "/api/v1/me/children", fmt.Sprintf(`{"last_name": "Договорова", "first_name": "Ася", "birth_date": "2016-0%d-10", "sex": "female"}`, i+1), 201))
		nine := fmt.Sprintf("2%02d%02d%04d", seed, i, 4321)
		call(t, e, f.op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", c), fmt.Sprintf(`{"snils": %q}`, nine+demo.SNILSChecksum(nine)), 200)
		call(t, e, f.op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", c), `{"type": "financing"}`, 201)
		a := call(t, e, f.parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, f.gid), 201)
		f.apps, f.kids = append(f.apps, id(a)), append(f.kids, c)
	}
	return f
}

// familyOf01 is the e-mail of the n-th demo family of г. Блестящий, the
// municipality of ДДТ «Центральный».
func familyOf01(t *testing.T, e *env, n int) string {
	t.Helper()
	for _, fam := range e.region.Families {
		if fam.MunicipalityCode == "01" {
			if n == 0 {
				return fam.Email
			}
			n--
		}
	}
	t.Fatal("too few demo families in г. Блестящий")
	return ""
}

// myApplication is one item of the parent's GET /api/v1/me/applications.
func myApplication(t *testing.T, e *env, parent []string, appID int64) map[string]any {
	t.Helper()
	for _, it := range call(t, e, parent, "GET", "/api/v1/me/applications", "", 200)["items"].([]any) {
		if m := it.(map[string]any); int64(m["id"].(float64)) == appID {
			return m
		}
	}
	t.Fatalf("application %d is not in the parent's list", appID)
	return nil
}

// TestContractOffer: the provider's «Принять» makes an offer the parent
// reads (API and PDF) and accepts; acceptance enrols and reserves the
// money once, is audited with the address; a second acceptance, one of
// another family and one without an offer are refused; the parent ends
// the contract with a reason and a date.
func TestContractOffer(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			f := newContractFixture(t, e, 0)
			stranger := staffToken(t, e, familyOf01(t, e, 1), "demo-parent-2026")

			if got := myApplication(t, e, f.parent, f.apps[0]); got["contract"] != nil || got["status"] != "pending" {
				t.Fatalf("before the provider's decision: %v", got)
			}
			accepted := call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/accept", f.apps[0]), "", 200)
			if k := accepted["contract"].(map[string]any); k["status"] != "offered" || k["certificate_pays"] == "0.00" {
				t.Fatalf("offer: %v", accepted)
			}
			app := myApplication(t, e, f.parent, f.apps[0])
			k, _ := app["contract"].(map[string]any)
			org, _ := app["organization"].(map[string]any)
			switch {
			case app["status"] != "accepted", k == nil, k["status"] != "offered", k["number"] != fmt.Sprintf("Д-%06d", f.apps[0]):
				t.Fatalf("the parent's view of the offer: %v", app)
			case app["number"] != strconv.FormatInt(f.apps[0], 10), int64(app["group_id"].(float64)) != f.gid, app["program_id"] == nil:
				t.Fatalf("number, group and program: %v", app)
			case org == nil || !strings.Contains(org["name"].(string), "Центральный"), org["phone"] == nil, org["email"] == nil, org["address"] == nil:
				t.Fatalf("organization: %v", app["organization"])
			}
			for _, key := range []string{"monthly_price", "certificate_pays", "family_pays", "starts_on", "ends_on"} {
				if k[key] == nil || k[key] == "" {
					t.Fatalf("contract without %s: %v", key, k)
				}
			}
			// The offer as a PDF, with the parties' names in it.
			// (printing's own test reads the text of a contract PDF.)
			resp, pdf := e.do(t, "GET", fmt.Sprintf("/api/v1/me/applications/%d/contract/pdf", f.apps[0]), "", f.parent...)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF") || len(pdf) < 10000 {
				t.Fatalf("contract PDF: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(pdf))
			}
			if resp, _ := e.do(t, "GET", fmt.Sprintf("/api/v1/me/applications/%d/contract/pdf", f.apps[0]), "", stranger...); resp.StatusCode != 404 {
				t.Fatalf("another family's contract PDF: %d", resp.StatusCode)
			}

			// Nothing to accept on the wait-listed application; another
			// family's offer is not found.
			if p := call(t, e, f.parent, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[1]), "", 409); p["code"] != "not_offered" {
				t.Fatalf("accepting without an offer: %v", p)
			}
			call(t, e, stranger, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[0]), "", 404)
			call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[0]), "", 403)

			before := certificateOf(t, e, f.parent, f.kids[0])
			done := call(t, e, f.parent, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[0]), "", 200)
			if done["status"] != "enrolled" || done["contract"].(map[string]any)["status"] != "active" {
				t.Fatalf("after acceptance: %v", done)
			}
			after := certificateOf(t, e, f.parent, f.kids[0])
			if after["reserve"] == before["reserve"] || after["balance"] == before["balance"] {
				t.Fatalf("acceptance reserved nothing: before %v, after %v", before, after)
			}
			if p := call(t, e, f.parent, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[0]), "", 409); p["code"] != "not_offered" {
				t.Fatalf("a second acceptance: %v", p)
			}
			if again := certificateOf(t, e, f.parent, f.kids[0]); again["reserve"] != after["reserve"] {
				t.Fatalf("a second acceptance reserved again: %v then %v", after, again)
			}
			var audited int
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE action = 'contract.accept' AND actor_role = 'parent'
					AND subject_kind = 'application' AND subject_id = ? AND ip <> ''`, f.apps[0]).Scan(&audited)
			}); err != nil || audited != 1 {
				t.Fatalf("acceptance audited %d times, %v", audited, err)
			}
			// The parent ends the contract: a reason is needed, the day may
			// not be past; without a day it is the end of this month.
			path := fmt.Sprintf("/api/v1/applications/%d/contract/end", f.apps[0])
			if p := call(t, e, f.parent, "POST", path, `{"reason": ""}`, 422); !strings.Contains(fmt.Sprint(p), "reason") {
				t.Fatalf("ending without a reason: %v", p)
			}
			if p := call(t, e, f.parent, "POST", path, `{"reason": "Переезд", "ends_on": "2020-01-31"}`, 422); !strings.Contains(fmt.Sprint(p), "ends_on") {
				t.Fatalf("ending in the past: %v", p)
			}
			call(t, e, stranger, "POST", path, `{"reason": "Переезд"}`, 404)
			ended := call(t, e, f.parent, "POST", path, `{"reason": "Переезд"}`, 200)
			wantEnd := navigator.EndOfMonth(navigator.Today(e.db.Now()))
			if ek := ended["contract"].(map[string]any); ek["status"] != "active" || ek["ending"] != true || ek["ends_on"] != wantEnd.String() && ek["ends_on"] != k["ends_on"] {
				t.Fatalf("after the parent's ending: %v", ended)
			}
			call(t, e, f.parent, "POST", path, `{"reason": "Переезд"}`, 409)
			letters, _ := e.db.Outbox(ctx, 100)
			if s := fmt.Sprint(letters); !strings.Contains(s, "примите договор до") || !strings.Contains(s, "Вы расторгли договор") {
				t.Fatalf("the parent was not told of the offer and the ending: %v", letters)
			}
		})
	}
}

// TestContractOfferExpiresAndPaper: an offer not accepted in the
// municipality's days lapses — the application is cancelled with the
// reason and its seat goes to the wait list, once however often the job
// runs; the provider records the next child's contract signed on paper,
// which needs the mark, and ends it with a reason and a date.
func TestContractOfferExpiresAndPaper(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			f := newContractFixture(t, e, 2)
			admin := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")

			// The municipality gives parents 3 days.
			var muni int64
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				return tx.QueryRow(ctx, "SELECT p.municipality_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?", f.gid).Scan(&muni)
			}); err != nil {
				t.Fatal(err)
			}
			settings := fmt.Sprintf("/api/v1/admin/municipalities/%d/settings", muni)
			cur := call(t, e, admin, "GET", settings, "", 200)
			if cur["contract_offer_days"] != float64(navigator.DefaultOfferDays) {
				t.Fatalf("default offer days: %v", cur["contract_offer_days"])
			}
			body := func(days int) string {
				return fmt.Sprintf(`{"financing_nominal": %q, "financing_quota": %v, "budget_limit": %v, "financing_to_accounting_days": %v, "children_total": %v, "contract_offer_days": %d}`,
					cur["financing_nominal"], cur["financing_quota"], cur["budget_limit"], cur["financing_to_accounting_days"], cur["children_total"], days)
			}
			if p := call(t, e, admin, "PUT", settings, body(61), 422); !strings.Contains(fmt.Sprint(p), "contract_offer_days") {
				t.Fatalf("61 days: %v", p)
			}
			call(t, e, admin, "PUT", settings, body(3), 200)

			accepted := call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/accept", f.apps[0]), "", 200)
			today := navigator.Today(e.db.Now())
			if got := accepted["contract"].(map[string]any)["accept_by"]; got != navigator.OfferExpiresOn(today, 3).String() {
				t.Fatalf("accept by %v, want today + 3", got)
			}
			// Enrolment without the paper mark is refused with the field.
			if p := call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", f.apps[0]), "", 422); !strings.Contains(fmt.Sprint(p), "paper_contract") {
				t.Fatalf("enrolment without the mark: %v", p)
			}
			// The last day passes.
			if err := e.db.Update(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, "UPDATE contract_offers SET expires_on = ? WHERE application_id = ?", navigator.DateOf(today.Time().AddDate(0, 0, -1)), f.apps[0])
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if p := call(t, e, f.parent, "POST", fmt.Sprintf("/api/v1/applications/%d/contract/accept", f.apps[0]), "", 409); p["code"] != "not_offered" {
				t.Fatalf("accepting a lapsed offer: %v", p)
			}
			for run := 0; run < 2; run++ {
				n, err := e.db.ExpireContractOffers(ctx, today)
				if want := int64(1 - run); err != nil || n != want {
					t.Fatalf("expiry run %d: %d, %v; want %d", run, n, err, want)
				}
			}
			lapsed := myApplication(t, e, f.parent, f.apps[0])
			if lapsed["status"] != "cancelled" || !strings.Contains(lapsed["reason"].(string), "не принят") || lapsed["contract"].(map[string]any)["status"] != "expired" {
				t.Fatalf("the lapsed application: %v", lapsed)
			}
			if next := myApplication(t, e, f.parent, f.apps[1]); next["status"] != "pending" {
				t.Fatalf("the seat did not go to the wait list: %v", next)
			}
			// The next child's contract is signed on paper.
			enrolled := call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", f.apps[1]), `{"paper_contract": true}`, 200)
			if enrolled["status"] != "enrolled" {
				t.Fatalf("paper enrolment: %v", enrolled)
			}
			app := myApplication(t, e, f.parent, f.apps[1])
			if k := app["contract"].(map[string]any); k["status"] != "active" {
				t.Fatalf("paper contract: %v", app)
			}
			var paper, audited int
			if err := e.db.View(ctx, func(tx *store.Tx) error {
				if err := tx.QueryRow(ctx, "SELECT count(*) FROM contract_offers WHERE application_id = ? AND status = 'paper' AND paper_by IS NOT NULL", f.apps[1]).Scan(&paper); err != nil {
					return err
				}
				return tx.QueryRow(ctx, "SELECT count(*) FROM audit_log WHERE action = 'contract.paper' AND subject_id = ?", f.apps[1]).Scan(&audited)
			}); err != nil || paper != 1 || audited != 1 {
				t.Fatalf("paper mark %d, audited %d, %v", paper, audited, err)
			}
			// The provider ends it: not after the contract's own end.
			endPath := fmt.Sprintf("/api/v1/admin/applications/%d/end", f.apps[1])
			if p := call(t, e, f.provider, "POST", endPath, `{"reason": "Нарушение правил", "ends_on": "2199-12-31"}`, 422); !strings.Contains(fmt.Sprint(p), "ends_on") {
				t.Fatalf("ending after the contract's end: %v", p)
			}
			on := navigator.DateOf(today.Time().AddDate(0, 0, 1))
			call(t, e, f.provider, "POST", endPath, fmt.Sprintf(`{"reason": "Нарушение правил", "ends_on": %q}`, on), 200)
			doc := myApplication(t, e, f.parent, f.apps[1])["contract"].(map[string]any)
			if doc["ends_on"] != on.String() || doc["ending"] != true {
				t.Fatalf("after the provider's ending on %s: %v", on, doc)
			}
		})
	}
}

// certificateOf is the certificate of one of the parent's children.
func certificateOf(t *testing.T, e *env, parent []string, childID int64) map[string]any {
	t.Helper()
	c, _ := call(t, e, parent, "GET", fmt.Sprintf("/api/v1/me/children/%d", childID), "", 200)["certificate"].(map[string]any)
	if c == nil {
		t.Fatalf("child %d has no certificate", childID)
	}
	return c
}
