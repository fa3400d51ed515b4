package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

var (
	testPDF  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
	fullJSON = `{"licence": true, "licence_number": "Л035-01234-55/00123456", "not_liquidated": true, "no_tax_arrears": true,
		"not_offshore": true, "staff_cleared": true, "site_info": true, "site_url": "https://ddt.example.ru"}`
)

// upload sends one document to an entry as multipart/form-data.
func upload(t *testing.T, e *env, auth []string, path, requirement, name string, body []byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("requirement", requirement)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(body)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", e.srv.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(auth); i += 2 {
		req.Header.Set(auth[i], auth[i+1])
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestExecutorsAPI: the registry of executors through the API on both
// engines — the public list, a provider's application with its
// documents, the municipal admin's decisions, the answers 403, 404, 409
// and 422 in problem+json, and the audit of each staff read and decision.
func TestExecutorsAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			one := func(q string, args ...any) int64 {
				var id int64
				if err := e.db.View(ctx, func(tx *store.Tx) error { return tx.QueryRow(ctx, q, args...).Scan(&id) }); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				return id
			}
			provider := staffToken(t, e, "provider@demo.example.ru", e.staffPassword("provider@demo.example.ru"))
			municipal := staffToken(t, e, "blestyashchiy@demo.example.ru", e.staffPassword("blestyashchiy@demo.example.ru"))
			operator := staffToken(t, e, "operator@demo.example.ru", e.staffPassword("operator@demo.example.ru"))
			org := one("SELECT organization_id FROM staff WHERE email = 'provider@demo.example.ru'")
			mun := one("SELECT municipality_id FROM organizations WHERE id = ?", org)
			otherOrg := one("SELECT organization_id FROM staff WHERE email = 'provider.zarechny@demo.example.ru'")
			otherEntry := one("SELECT id FROM executors WHERE organization_id = ?", otherOrg)
			included := one("SELECT organization_id FROM executors WHERE municipality_id = ? AND status = 'included'", mun)

			e.run(t, []scenario{
				{name: "public registry", path: fmt.Sprintf("/api/v1/executors?municipality_id=%d", mun), status: 200,
					contains:   []string{fmt.Sprintf(`"organization_id":%d`, included), `"status":"included"`, `"included_on":"`, `"inn":`},
					notContain: []string{"checklist", "documents", "reason", fmt.Sprintf(`"organization_id":%d,`, org)}},
				{name: "public pending", path: "/api/v1/executors?status=pending", status: 200, contains: []string{fmt.Sprintf(`"organization_id":%d`, otherOrg)}},
				{name: "bad status", path: "/api/v1/executors?status=approved", status: 422, contains: []string{`"field":"status"`},
					header: map[string]string{"Content-Type": "application/problem+json"}},
				{name: "bad municipality", path: "/api/v1/executors?municipality_id=x", status: 422, contains: []string{`"field":"municipality_id"`}},
				{name: "unknown municipality", path: "/api/v1/executors?municipality_id=999999", status: 422, contains: []string{`"field":"municipality_id"`}},
				{name: "anonymous applies", method: "POST", path: "/api/v1/admin/executors", body: `{}`, status: 401},
				{name: "operator applies", method: "POST", path: "/api/v1/admin/executors", body: `{}`, headers: operator, status: 403},
				{name: "empty checklist", method: "POST", path: "/api/v1/admin/executors", body: `{"checklist": {}}`, headers: provider, status: 422,
					contains: []string{`"field":"checklist.licence"`, `"field":"checklist.site_url"`, "Подтвердите"}, header: map[string]string{"Content-Type": "application/problem+json"}},
				{name: "a typo", method: "POST", path: "/api/v1/admin/executors", body: `{"checklist": {"license": true}}`, headers: provider, status: 400},
				{name: "another organization", method: "POST", path: "/api/v1/admin/executors", body: fmt.Sprintf(`{"organization_id": %d, "checklist": %s}`, otherOrg, fullJSON), headers: provider, status: 404},
				{name: "applies", method: "POST", path: "/api/v1/admin/executors", body: fmt.Sprintf(`{"organization_id": %d, "checklist": %s}`, org, fullJSON), headers: provider, status: 201,
					contains: []string{`"status":"pending"`, `"included_on":null`}},
				{name: "applies twice", method: "POST", path: "/api/v1/admin/executors", body: fmt.Sprintf(`{"checklist": %s}`, fullJSON), headers: provider, status: 409, contains: []string{`"code":"exists"`}},
			})
			entry := one("SELECT id FROM executors WHERE organization_id = ?", org)
			base := fmt.Sprintf("/api/v1/admin/executors/%d", entry)

			if status, body := upload(t, e, provider, base+"/documents", "licence", "скан.pdf", []byte("<html>not a pdf</html>")); status != 422 || !strings.Contains(body, `"field":"file"`) {
				t.Fatalf("an html file: %d %s", status, body)
			}
			if status, body := upload(t, e, provider, fmt.Sprintf("/api/v1/admin/executors/%d/documents", otherEntry), "licence", "x.pdf", testPDF); status != 404 {
				t.Fatalf("a document to another organization's entry: %d %s", status, body)
			}
			if status, body := upload(t, e, municipal, base+"/documents", "licence", "x.pdf", testPDF); status != 403 {
				t.Fatalf("the municipal admin attaches: %d %s", status, body)
			}
			status, body := upload(t, e, provider, base+"/documents", "licence", "../Лицензия.pdf", testPDF)
			if status != 201 || !strings.Contains(body, `"name":"Лицензия.pdf"`) || !strings.Contains(body, `"content_type":"application/pdf"`) {
				t.Fatalf("a licence: %d %s", status, body)
			}
			var doc struct{ ID int64 }
			_ = json.Unmarshal([]byte(body), &doc)

			e.run(t, []scenario{
				{name: "operator decides", method: "POST", path: base + "/decision", body: `{"decision": "include"}`, headers: operator, status: 403},
				{name: "provider decides", method: "POST", path: base + "/decision", body: `{"decision": "include"}`, headers: provider, status: 403},
				{name: "another municipality's entry", method: "POST", path: fmt.Sprintf("/api/v1/admin/executors/%d/decision", otherEntry), body: `{"decision": "include"}`, headers: municipal, status: 404},
				{name: "unknown decision", method: "POST", path: base + "/decision", body: `{"decision": "approve"}`, headers: municipal, status: 422, contains: []string{`"field":"decision"`}},
				{name: "refuse without a reason", method: "POST", path: base + "/decision", body: `{"decision": "refuse", "reason": " "}`, headers: municipal, status: 422, contains: []string{`"field":"reason"`}},
				{name: "include without the tax certificate", method: "POST", path: base + "/decision", body: `{"decision": "include"}`, headers: municipal, status: 422,
					contains: []string{`"code":"documents_missing"`, `"field":"documents.no_tax_arrears"`}},
				{name: "exclude a pending one", method: "POST", path: base + "/decision", body: `{"decision": "exclude", "reason": "x"}`, headers: municipal, status: 409, contains: []string{`"code":"status"`}},
				{name: "the provider's card", path: base, headers: provider, status: 200, contains: []string{`"documents":[{`, "Лицензия.pdf"}},
				{name: "the provider downloads", path: fmt.Sprintf("%s/documents/%d", base, doc.ID), headers: provider, status: 403},
				{name: "the admin downloads", path: fmt.Sprintf("%s/documents/%d", base, doc.ID), headers: municipal, status: 200, contains: []string{"%PDF-1.4"},
					header: map[string]string{"Content-Type": "application/pdf", "Content-Disposition": "attachment", "X-Content-Type-Options": "nosniff"}},
				{name: "another municipality's document", path: fmt.Sprintf("/api/v1/admin/executors/%d/documents/%d", otherEntry, doc.ID), headers: municipal, status: 404},
				{name: "the admin's list", path: "/api/v1/admin/executors?status=pending", headers: municipal, status: 200, contains: []string{fmt.Sprintf(`"id":%d`, entry)},
					notContain: []string{fmt.Sprintf(`"id":%d,`, otherEntry)}},
			})
			if status, body := upload(t, e, provider, base+"/documents", "no_tax_arrears", "справка.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")); status != 201 {
				t.Fatalf("the tax certificate: %d %s", status, body)
			}
			e.run(t, []scenario{
				{name: "include", method: "POST", path: base + "/decision", body: `{"decision": "include", "reason": ""}`, headers: municipal, status: 200, contains: []string{`"status":"included"`, `"included_on":"20`}},
				{name: "include twice", method: "POST", path: base + "/decision", body: `{"decision": "include"}`, headers: municipal, status: 409,
					header: map[string]string{"Content-Type": "application/problem+json"}},
				{name: "in the public registry", path: fmt.Sprintf("/api/v1/executors?municipality_id=%d", mun), status: 200, contains: []string{fmt.Sprintf(`"organization_id":%d`, org)}},
				{name: "a document after the decision", method: "DELETE", path: fmt.Sprintf("%s/documents/%d", base, doc.ID), headers: provider, status: 409},
			})

			// Each staff read of the card, each download and each decision is in the journal.
			for action, want := range map[string]int64{"executor.read": 1, "executor.document_read": 1, "executor.decide": 1, "executor.apply": 1, "executor.document_attach": 2} {
				if n := one("SELECT count(*) FROM audit_log WHERE action = ? AND subject_kind = 'organization' AND subject_id = ?", action, org); n != want {
					t.Errorf("%d entries %s, want %d", n, action, want)
				}
			}
			// A refusal of another municipality's entry is a refusal in the journal too.
			if n := one("SELECT count(*) FROM audit_log WHERE action = 'access_refused'"); n == 0 {
				t.Error("the refusals are not in the journal")
			}
		})
	}
}
