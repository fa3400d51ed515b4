package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/demo"
	"navigator/internal/storetest"
)

// TestReportApplicationsMoneyStatement makes three applications through
// the API to a certified group of two seats, enrols one and charges the
// month, then checks the applications, money and statement reports
// against those hand-made figures, and the statement's scope.
func TestReportApplicationsMoneyStatement(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			family := e.region.Families[0]
			parent := staffToken(t, e, family.Email, "demo-parent-2026")
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			me := call(t, e, provider, "GET", "/api/v1/me", "", 200)
			ownOrg := num(me["organization_id"])

			// A certified group of the provider for ten-year-olds, cut to
			// two seats.
			var gid int64
			var direction string
			page := call(t, e, nil, "GET", "/api/v1/programs?per_page=100&registry=certified&age=10&q="+urlq("Центральный"), "", 200)
			for _, it := range page["items"].([]any) {
				p := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%.0f", it.(map[string]any)["id"]), "", 200)
				if !strings.Contains(p["organization"].(string), "Центральный") || gid != 0 {
					continue
				}
				for _, g := range p["groups"].([]any) {
					if g := g.(map[string]any); g["accepting"] == true && gid == 0 {
						gid, direction = num(g["id"]), p["direction"].(string)
					}
				}
			}
			if gid == 0 {
				t.Fatal("no certified group of ДДТ «Центральный» for age 10")
			}
			call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/groups/%d", gid), `{"capacity": 2}`, 200)

			before := reportItems(t, e, provider, "/api/v1/admin/reports/applications")
			var apps []int64
			for i := 0; i < 3; i++ {
				c := id(call(t, e, parent, "POST", "/api/v1/me/children", fmt.Sprintf(`{"first_name": "Ребёнок", "birth_date": "2016-0%d-10", "sex": "male"}`, i+1), 201))
				nine := fmt.Sprintf("2%02d%06d", i, 765432)
				call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", c), fmt.Sprintf(`{"snils": %q}`, nine+demo.SNILSChecksum(nine)), 200)
				call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", c), `{"type": "financing"}`, 201)
				apps = append(apps, id(call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, gid), 201)))
			}
			enrolled := call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/enroll", apps[0]), `{"paper_contract": true}`, 200)
			contract := enrolled["contract"].(map[string]any)
			reserved, _ := navigator.ParseMoney(contract["reserved"].(string))
			monthly, _ := navigator.ParseMoney(contract["certificate_monthly"].(string))
			month := time.Now().In(navigator.Zone).Format("2006-01")
			sum, err := e.db.ChargeMonth(ctx, month)
			if err != nil || sum.Charged != 1 || sum.Amount != monthly {
				t.Fatalf("charge: %+v %v; want one contract of %v", sum, err, monthly)
			}

			// Applications: one enrolled, one pending, one wait-listed, all
			// in the program's direction.
			count := func(rows []map[string]any) map[string]int64 {
				m := map[string]int64{}
				for _, r := range rows {
					m[r["direction"].(string)+"/"+r["status"].(string)] += num(r["count"])
				}
				return m
			}
			diff := count(reportItems(t, e, provider, "/api/v1/admin/reports/applications"))
			for k, n := range count(before) {
				diff[k] -= n
			}
			for _, st := range []string{"enrolled", "pending", "waitlisted"} {
				if diff[direction+"/"+st] != 1 {
					t.Errorf("applications %s/%s: %d more, want 1 (%v)", direction, st, diff[direction+"/"+st], diff)
				}
			}

			// Money per provider: the one contract's reserve less the month
			// charged.
			var mine map[string]any
			for _, r := range reportItems(t, e, region, "/api/v1/admin/reports/money-providers") {
				if num(r["id"]) == ownOrg {
					mine = r
				}
			}
			if mine == nil || mine["reserved"] != (reserved-monthly).String() || mine["charged"] != monthly.String() || num(mine["contracts"]) != 1 {
				t.Fatalf("provider's money %v; want reserved %v, charged %v, 1 contract", mine, reserved-monthly, monthly)
			}
			// Money per municipality: the demo's financing nominals there by
			// hand, plus the three new certificates of 25 000 ₽.
			var nominal navigator.Money
			for _, m := range e.region.Municipalities {
				if m.Code != family.MunicipalityCode {
					continue
				}
				for _, f := range e.region.Families {
					for _, c := range f.Children {
						if f.MunicipalityCode == m.Code && c.CertificateType == "financing" {
							nominal += navigator.Money(m.FinancingNominal)
						}
					}
				}
				nominal += 3 * navigator.Money(m.FinancingNominal)
			}
			var home map[string]any
			for _, r := range reportItems(t, e, region, "/api/v1/admin/reports/money-municipalities") {
				if r["name"] == "г. Блестящий" {
					home = r
				}
			}
			if home == nil || home["nominal"] != nominal.String() || home["charged"] != monthly.String() || home["reserved"] != (reserved-monthly).String() ||
				home["balance"] != (nominal-reserved).String() {
				t.Fatalf("municipality's money %v; want nominal %v, reserved %v, charged %v", home, nominal, reserved-monthly, monthly)
			}

			// The statement: the contract's month with the advance share.
			st := reportItems(t, e, provider, "/api/v1/admin/reports/statement?month="+month)
			advance := monthly * 80 / 100
			if len(st) != 1 || st[0]["amount"] != monthly.String() || st[0]["charged"] != monthly.String() || st[0]["advance"] != advance.String() ||
				st[0]["remainder"] != (monthly-advance).String() {
				t.Fatalf("statement %v; want %v with advance %v", st, monthly, advance)
			}
			other := staffToken(t, e, "provider.zarechny@demo.example.ru", "demo-provider2-2026")
			mun := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			otherMe := call(t, e, other, "GET", "/api/v1/me", "", 200)
			e.run(t, []scenario{
				{name: "provider may not set the share", method: "PATCH", path: "/api/v1/admin/report-settings", body: `{"advance_share_percent": 50}`,
					headers: provider, status: 403},
				{name: "share out of range", method: "PATCH", path: "/api/v1/admin/report-settings", body: `{"advance_share_percent": 120}`,
					headers: region, status: 422, contains: []string{"advance_share_percent"}},
				{name: "region sets the share", method: "PATCH", path: "/api/v1/admin/report-settings", body: `{"advance_share_percent": 50}`,
					headers: region, status: 200},
				{name: "share read back", path: "/api/v1/admin/report-settings", headers: provider, status: 200, contains: []string{`"advance_share_percent":50`}},
				{name: "statement with the new share", path: "/api/v1/admin/reports/statement?month=" + month, headers: provider, status: 200,
					contains: []string{`"advance":"` + (monthly / 2).String() + `"`}},
				{name: "provider asks for another's statement", path: fmt.Sprintf("/api/v1/admin/reports/statement?provider_id=%d", num(otherMe["organization_id"])),
					headers: provider, status: 404},
				{name: "other provider sees its own empty statement", path: "/api/v1/admin/reports/statement?month=" + month, headers: other, status: 200,
					contains: []string{`"total":0`}},
				{name: "region must choose a provider", path: "/api/v1/admin/reports/statement", headers: region, status: 422, contains: []string{"provider_id"}},
				{name: "region reads the provider's statement", path: fmt.Sprintf("/api/v1/admin/reports/statement?provider_id=%d&month=%s", ownOrg, month),
					headers: region, status: 200, contains: []string{`"total":1`}},
				{name: "municipal admin and a provider elsewhere", path: fmt.Sprintf("/api/v1/admin/reports/statement?provider_id=%d", num(otherMe["organization_id"])),
					headers: mun, status: 404},
				{name: "bad month", path: "/api/v1/admin/reports/statement?month=2026-13", headers: provider, status: 422},
				{name: "provider's fill rates", path: "/api/v1/admin/reports/fill", headers: provider, status: 200, contains: []string{`"fill_percent"`}},
				{name: "provider may not read the money", path: "/api/v1/admin/reports/money-providers", headers: provider, status: 403},
			})
			// Fill rates: the group of two holds two seats (enrolled and
			// pending), the wait-listed child holds none.
			for _, r := range reportItems(t, e, provider, "/api/v1/admin/reports/fill") {
				if num(r["organization_id"]) != ownOrg {
					t.Fatalf("provider sees another's group %v", r)
				}
				if num(r["group_id"]) == gid && (num(r["capacity"]) != 2 || num(r["seats_taken"]) != 2 || num(r["enrolled"]) != 1 || r["fill_percent"].(float64) != 100) {
					t.Fatalf("fill of the group %v", r)
				}
			}
		})
	}
}
