package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/contingent"
	"navigator/internal/service"
	"navigator/internal/storetest"
)

// TestReportExportAndBackgroundJobs: every report downloads as CSV and
// XLSX with Russian headers; an empty report's export is answered with a
// clear message, not an empty file; a background report goes to 100 %
// and only its requester downloads it.
func TestReportExportAndBackgroundJobs(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			mun := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			csv := map[string]string{"Content-Type": "text/csv", "Content-Disposition": `attachment; filename="coverage-`}
			e.run(t, []scenario{
				{name: "coverage as CSV", path: "/api/v1/admin/reports/coverage?format=csv", headers: region, status: 200, header: csv,
					contains: []string{"\ufeffМуниципалитет;Детей в муниципалитете;", "г. Блестящий;21400;"}},
				{name: "certificates as XLSX", path: "/api/v1/admin/reports/certificates?format=xlsx", headers: region, status: 200, contains: []string{"PK"},
					header: map[string]string{"Content-Type": "spreadsheetml", "Content-Disposition": ".xlsx"}},
				{name: "money as CSV", path: "/api/v1/admin/reports/money-municipalities?format=csv", headers: region, status: 200,
					contains: []string{"Номиналы, ₽"}},
				{name: "fill as CSV", path: "/api/v1/admin/reports/fill?format=csv", headers: region, status: 200, contains: []string{"Наполняемость, %"}},
				{name: "empty export", path: "/api/v1/admin/reports/certificates?from=2001-01-01&to=2001-01-31&format=csv", headers: region, status: 404,
					header:   map[string]string{"Content-Type": "application/problem+json"},
					contains: []string{`"title":"Не найдено"`, "нет данных", `"code":"empty_report"`}},
				{name: "empty report as JSON is just empty", path: "/api/v1/admin/reports/certificates?from=2001-01-01&to=2001-01-31", headers: region,
					status: 200, contains: []string{`"total":0`}},
				{name: "unknown format", path: "/api/v1/admin/reports/coverage?format=pdf", headers: region, status: 422, contains: []string{"csv или xlsx"}},
				{name: "empty export on the page", path: "/admin/reports/certificates?from=2001-01-01&to=2001-01-31&format=csv", headers: region, status: 404,
					contains: []string{"В отчёте нет данных", "Сформировать"}},
				{name: "report page", path: "/admin/reports/coverage", headers: mun, status: 200,
					contains: []string{"Охват сертификатами", "г. Блестящий", "Скачать CSV"}, notContain: []string{"г. Заречный"}},
				{name: "dashboard", path: "/admin/reports", headers: region, status: 200,
					contains: []string{`<svg xmlns="http://www.w3.org/2000/svg"`, `role="img"`, "Охват", "Доля аванса"}},
			})

			// A background report: queued, then made by the worker.
			j := call(t, e, region, "POST", "/api/v1/admin/reports/coverage/jobs", `{"format": "csv"}`, 202)
			if j["status"] != "queued" || j["progress"].(float64) != 0 {
				t.Fatalf("new job %v", j)
			}
			path := fmt.Sprintf("/api/v1/admin/report-jobs/%d", id(j))
			call(t, e, region, "GET", path+"/file", "", 409)
			resp, body := e.do(t, "GET", fmt.Sprintf("/admin/report-jobs/%d", id(j)), "", region...)
			if resp.StatusCode != 200 || !strings.Contains(body, `<meta http-equiv="refresh" content="2">`) || !strings.Contains(body, "Готово на 0 %") {
				t.Fatalf("status page while queued: %d %s", resp.StatusCode, trim(body))
			}
			empty := call(t, e, region, "POST", "/api/v1/admin/reports/certificates/jobs?from=2001-01-01&to=2001-01-31", "", 202)
			svc := service.New(service.Deps{DB: e.db, Keys: e.keys, Registry: contingent.NewBuiltin(e.db, e.keys)})
			if n, err := svc.RunReportJobs(ctx, "test"); err != nil || n != 2 {
				t.Fatalf("worker made %d reports, %v", n, err)
			}
			done := call(t, e, region, "GET", path, "", 200)
			if done["status"] != "done" || done["progress"].(float64) != 100 || done["file_url"] != path+"/file" {
				t.Fatalf("finished job %v", done)
			}
			resp, body = e.do(t, "GET", path+"/file", "", region...)
			if resp.StatusCode != 200 || !strings.HasPrefix(body, "\ufeffМуниципалитет;") || !strings.Contains(resp.Header.Get("Content-Disposition"), ".csv") {
				t.Fatalf("file: %d %q", resp.StatusCode, trim(body))
			}
			e.run(t, []scenario{
				{name: "another staff member", path: path, headers: mun, status: 404},
				{name: "another's file", path: path + "/file", headers: mun, status: 404},
				{name: "empty job", path: fmt.Sprintf("/api/v1/admin/report-jobs/%d", id(empty)), headers: region, status: 200,
					contains: []string{`"status":"empty"`, "нет данных"}},
				{name: "empty job's file", path: fmt.Sprintf("/api/v1/admin/report-jobs/%d/file", id(empty)), headers: region, status: 404,
					contains: []string{"нет данных"}},
				{name: "status page when done", path: fmt.Sprintf("/admin/report-jobs/%d", id(j)), headers: region, status: 200,
					contains: []string{"Отчёт готов", "Скачать файл"}, notContain: []string{"http-equiv"}},
				{name: "job of a report out of scope", method: "POST", path: "/api/v1/admin/reports/coverage/jobs", headers: staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026"),
					status: 403},
				{name: "my reports on the dashboard", path: "/admin/reports", headers: region, status: 200, contains: []string{"Охват сертификатами", "Скачать"}},
				{name: "operator's dashboard", path: "/admin/reports", headers: staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026"), status: 200,
					contains: []string{"Выдано по типам", "Выдача по дням", "<svg"}, notContain: []string{"Охват", "Доля аванса организаторам</h2>"}},
				{name: "provider's dashboard", path: "/admin/reports", headers: staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026"), status: 200,
					contains: []string{"Наполняемость групп", "Заявки по статусам", "Ведомость организатора"}},
				{name: "parent's dashboard", path: "/admin/reports", headers: staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026"), status: 403},
			})
		})
	}
}
