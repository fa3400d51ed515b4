package server_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"navigator/internal/storetest"
)

// reportItems returns a report's rows from the API.
func reportItems(t *testing.T, e *env, auth []string, path string) []map[string]any {
	t.Helper()
	out := call(t, e, auth, "GET", path, "", 200)
	var rows []map[string]any
	for _, it := range out["items"].([]any) {
		rows = append(rows, it.(map[string]any))
	}
	if int(out["total"].(float64)) != len(rows) {
		t.Fatalf("%s: total %v for %d items", path, out["total"], len(rows))
	}
	return rows
}

func num(v any) int64 { return int64(v.(float64)) }

// municipalityIDs maps the demo municipalities' names to their IDs.
func municipalityIDs(t *testing.T, e *env) map[string]int64 {
	t.Helper()
	resp, body := e.do(t, "GET", "/api/v1/municipalities", "")
	if resp.StatusCode != 200 {
		t.Fatalf("municipalities: %d", resp.StatusCode)
	}
	ids := map[string]int64{}
	for _, m := range decodeList(t, body) {
		ids[m["name"].(string)] = num(m["id"])
	}
	return ids
}

// TestReportFiguresAgainstDemo compares the certificate and coverage
// reports with figures counted by hand from the demo region's structure,
// and checks who sees what.
func TestReportFiguresAgainstDemo(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			ids := municipalityIDs(t, e)

			// Hand count: certificates by municipality and type, children
			// with a certificate, those requested online, those the central
			// office issued.
			names := map[string]string{}
			for _, m := range e.region.Municipalities {
				names[m.Code] = m.Name
			}
			want := map[[2]string]int64{}
			withCert := map[string]int64{}
			var online, central int64
			for _, f := range e.region.Families {
				for _, c := range f.Children {
					if c.CertificateType == "" {
						continue
					}
					want[[2]string{names[f.MunicipalityCode], c.CertificateType}]++
					withCert[names[f.MunicipalityCode]]++
					if c.CertificateType == "unconfirmed" {
						online++
					} else if c.CertificateOfficeKey == "ddt-central" {
						central++
					}
				}
			}
			if len(want) < 5 || online == 0 || central == 0 {
				t.Fatalf("the demo lacks certificates to count: %v online %d central %d", want, online, central)
			}

			got := map[[2]string]int64{}
			var gotOnline int64
			for _, r := range reportItems(t, e, region, "/api/v1/admin/reports/certificates") {
				got[[2]string{r["municipality"].(string), r["type"].(string)}] += num(r["count"])
				if num(r["office_id"]) == 0 {
					gotOnline += num(r["count"])
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || gotOnline != online {
				t.Fatalf("certificates by municipality and type:\n got %v\nwant %v; online %d, want %d", got, want, gotOnline, online)
			}

			coverage := reportItems(t, e, region, "/api/v1/admin/reports/coverage")
			if len(coverage) != len(e.region.Municipalities) {
				t.Fatalf("coverage has %d municipalities, want %d", len(coverage), len(e.region.Municipalities))
			}
			for _, r := range coverage {
				var m struct{ total, with int64 }
				for _, dm := range e.region.Municipalities {
					if dm.Name == r["municipality"] {
						m.total, m.with = int64(dm.ChildrenTotal), withCert[dm.Name]
					}
				}
				pct := float64((m.with*1000+m.total/2)/m.total) / 10
				if num(r["children_total"]) != m.total || num(r["with_certificate"]) != m.with || r["coverage_percent"].(float64) != pct {
					t.Errorf("coverage %v: want children %d, with certificate %d, %.1f %%", r, m.total, m.with, pct)
				}
			}

			// A municipal admin sees its municipality only; another one is
			// not found.
			mun := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			own := reportItems(t, e, mun, "/api/v1/admin/reports/coverage")
			if len(own) != 1 || own[0]["municipality"] != "г. Блестящий" || num(own[0]["with_certificate"]) != withCert["г. Блестящий"] {
				t.Fatalf("municipal coverage %v", own)
			}
			for _, r := range reportItems(t, e, mun, "/api/v1/admin/reports/certificates") {
				if r["municipality"] != "г. Блестящий" {
					t.Fatalf("municipal admin sees %v", r)
				}
			}
			// An operator sees what its office issued, and nothing else.
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			var byOffice int64
			for _, r := range reportItems(t, e, op, "/api/v1/admin/reports/certificates") {
				byOffice += num(r["count"])
			}
			if byOffice != central {
				t.Fatalf("operator's certificates %d, want %d", byOffice, central)
			}
			provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			zarechny := ids["г. Заречный"]
			e.run(t, []scenario{
				{name: "municipal admin asks for another municipality", path: fmt.Sprintf("/api/v1/admin/reports/coverage?municipality_id=%d", zarechny),
					headers: mun, status: 404, contains: []string{"Не найдено"}},
				{name: "operator asks for another municipality", path: fmt.Sprintf("/api/v1/admin/reports/certificates?municipality_id=%d", zarechny),
					headers: op, status: 404},
				{name: "operator asks for coverage", path: "/api/v1/admin/reports/coverage", headers: op, status: 403},
				{name: "provider asks for coverage", path: "/api/v1/admin/reports/coverage", headers: provider, status: 403},
				{name: "parent", path: "/api/v1/admin/reports/coverage", headers: parent, status: 403, contains: []string{"Недостаточно прав"}},
				{name: "anonymous", path: "/api/v1/admin/reports/coverage", status: 401},
				{name: "unknown report", path: "/api/v1/admin/reports/nothing", headers: region, status: 404},
				{name: "bad date", path: "/api/v1/admin/reports/certificates?from=31.02.2026", headers: region, status: 422, contains: []string{"from"}},
				{name: "reversed dates", path: "/api/v1/admin/reports/certificates?from=2026-11-02&to=2026-11-01", headers: region, status: 422},
				{name: "regional filter", path: fmt.Sprintf("/api/v1/admin/reports/coverage?municipality_id=%d", zarechny), headers: region, status: 200,
					contains: []string{"г. Заречный"}, notContain: []string{"г. Блестящий"}},
			})
		})
	}
}

// decodeList decodes a JSON array of objects.
func decodeList(t *testing.T, body string) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return out
}
