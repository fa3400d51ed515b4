package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"navigator"
	"navigator/internal/storetest"
)

// TestProviderProgramsAndCapacity: a provider writes a program, publishes
// it, opens a group of one seat; three children apply; raising the
// capacity moves the wait list up in order; lowering it below the seats
// taken is refused.
func TestProviderProgramsAndCapacity(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
			other := staffToken(t, e, "provider.zarechny@demo.example.ru", "demo-provider2-2026")
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")

			call(t, e, provider, "POST", "/api/v1/admin/programs", `{"title": "", "direction": "magic", "age_from": 12, "age_to": 7, "registry": "paid"}`, 422)
			call(t, e, provider, "POST", "/api/v1/admin/programs", `{"title": "Бюджет с ценой", "direction": "art", "age_from": 7, "age_to": 12, "registry": "budget", "price_per_month": "100.00"}`, 422)
			p := call(t, e, provider, "POST", "/api/v1/admin/programs", `{"title": "Ёлочные игрушки своими руками", "description": "Мастерим игрушки из бумаги и фетра.",
				"direction": "art", "age_from": 7, "age_to": 12, "registry": "paid", "price_per_month": "1500.00"}`, 201)
			if p["status"] != "draft" {
				t.Fatalf("new program %v", p)
			}
			pid := id(p)
			// A draft is not in the catalog.
			call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", pid), "", 404)
			call(t, e, other, "PATCH", fmt.Sprintf("/api/v1/admin/programs/%d", pid), `{"status": "published"}`, 404)
			// Not yet: no group takes applications.
			if p := call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/programs/%d", pid), `{"status": "published"}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "groups") {
				t.Fatalf("publishing without a group: %v", p)
			}
			call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/groups", pid), `{"name": "Группа 1", "capacity": 0}`, 422)
			g := call(t, e, provider, "POST", fmt.Sprintf("/api/v1/admin/programs/%d/groups", pid), `{"name": "Группа 1", "capacity": 1,
				"starts_on": "2026-09-01", "ends_on": "2027-05-31", "schedule": [{"weekday": 2, "start": "16:00", "end": "17:30", "room": "каб. 12"},
				{"weekday": 4, "start": "16:00", "end": "17:30", "room": "каб. 12"}]}`, 201)
			gid := id(g)
			call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/programs/%d", pid), `{"status": "published", "description": "Мастерим ёлочные игрушки из бумаги, фетра и шишек; всё нужное выдаём."}`, 200)
			found := call(t, e, nil, "GET", "/api/v1/programs?q="+urlq("ёлочными игрушками"), "", 200)
			if !strings.Contains(fmt.Sprint(found["items"]), "Ёлочные игрушки") {
				t.Fatalf("the published program is not found by word forms: %v", found)
			}
			var apps []int64
			for i := 0; i < 3; i++ {
				c := id(call(t, e, parent, "POST", "/api/v1/me/children", fmt.Sprintf(`{"first_name": "Дитя", "birth_date": "2017-0%d-01", "sex": "female"}`, i+1), 201))
				apps = append(apps, id(call(t, e, parent, "POST", "/api/v1/applications", fmt.Sprintf(`{"child_id": %d, "group_id": %d}`, c, gid), 201)))
			}
			status := func() []string {
				mine := call(t, e, parent, "GET", "/api/v1/me/applications", "", 200)
				byID := map[int64]string{}
				for _, it := range mine["items"].([]any) {
					m := it.(map[string]any)
					byID[int64(m["id"].(float64))] = m["status"].(string)
				}
				return []string{byID[apps[0]], byID[apps[1]], byID[apps[2]]}
			}
			if got := status(); got[0] != "pending" || got[1] != "waitlisted" || got[2] != "waitlisted" {
				t.Fatalf("before: %v", got)
			}
			call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/groups/%d", gid), `{"capacity": 2}`, 200)
			if got := status(); got[1] != "pending" || got[2] != "waitlisted" {
				t.Fatalf("after one more seat: %v, want the earlier arrival first", got)
			}
			if p := call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/groups/%d", gid), `{"capacity": 1}`, 409); p["code"] != "capacity" {
				t.Fatalf("capacity below taken: %v", p)
			}
			call(t, e, other, "PATCH", fmt.Sprintf("/api/v1/admin/groups/%d", gid), `{"capacity": 5}`, 404)
			call(t, e, provider, "PATCH", fmt.Sprintf("/api/v1/admin/groups/%d", gid), `{"capacity": 3, "accepting": false}`, 200)
			if got := status(); got[2] != "pending" {
				t.Fatalf("after the third seat: %v", got)
			}
			prog := call(t, e, nil, "GET", fmt.Sprintf("/api/v1/programs/%d", pid), "", 200)
			grp := prog["groups"].([]any)[0].(map[string]any)
			if grp["seats_left"].(float64) != 0 || grp["accepting"] != false {
				t.Fatalf("group %v", grp)
			}
			// The roster, as CSV for Russian Excel and as XLSX.
			resp, csv := e.do(t, "GET", fmt.Sprintf("/api/v1/admin/groups/%d/roster", gid), "", provider...)
			if resp.StatusCode != 200 || !strings.HasPrefix(csv, "\ufeff№;ФИО ребёнка;Дата рождения;Возраст;Сертификат;Статус заявки;Заявка подана;Родитель;Телефон родителя") ||
				strings.Count(csv, "Дитя") != 3 || strings.Count(csv, navigator.FormatPhone(e.region.Families[0].Phone)) != 3 {
				t.Fatalf("roster csv %d %q", resp.StatusCode, csv)
			}
			resp, xlsx := e.do(t, "GET", fmt.Sprintf("/api/v1/admin/groups/%d/roster?format=xlsx", gid), "", provider...)
			if resp.StatusCode != 200 || !strings.HasPrefix(xlsx, "PK") {
				t.Fatalf("roster xlsx %d", resp.StatusCode)
			}
			book, err := excelize.OpenReader(strings.NewReader(xlsx))
			if err != nil {
				t.Fatal(err)
			}
			sheet := book.GetSheetList()[0]
			if typ, _ := book.GetCellType(sheet, "D2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Error("the age in the XLSX roster is text, not a number")
			}
			if v, _ := book.GetCellValue(sheet, "C2"); len(v) != 10 || v[2] != '.' {
				t.Errorf("the birth date in the XLSX roster shows %q", v)
			}
			audit := call(t, e, staffToken(t, e, "region@demo.example.ru", "demo-region-2026"), "GET", fmt.Sprintf("/api/v1/admin/audit?subject=group:%d&action=group.roster", gid), "", 200)
			if audit["total"].(float64) != 2 {
				t.Fatalf("two roster downloads audited as %v", audit["total"])
			}
			call(t, e, other, "GET", fmt.Sprintf("/api/v1/admin/groups/%d/roster", gid), "", 404)
			call(t, e, parent, "GET", fmt.Sprintf("/api/v1/admin/groups/%d/roster", gid), "", 403)
			mine := call(t, e, provider, "GET", "/api/v1/admin/programs", "", 200)
			if !strings.Contains(fmt.Sprint(mine["items"]), "Ёлочные игрушки") {
				t.Fatal("the provider's list lacks the program")
			}
		})
	}
}
