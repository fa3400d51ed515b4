package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/contingent"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestContingentLookupScoped: the «Контингент» look-up is a step of
// confirming a child in the caller's scope, not a registry oracle. Another
// municipality's operator gets 404 for the child; a body without the child
// or the birth date is refused; a wrong birth date reveals nothing; the
// 61st look-up of an hour gets 429 with Retry-After; and each look-up's
// audit entry names the child and whether the record matched.
func TestContingentLookupScoped(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			if _, err := contingent.Import(ctx, e.db, e.keys, strings.NewReader(registryCSV), nil); err != nil {
				t.Fatal(err)
			}
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			other := staffToken(t, e, "operator.zarechny@demo.example.ru", "demo-operator2-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Семёнов",
				"first_name": "Игорь", "phone": "+79131234568", "email": "semenov.lookup@example.ru"}`, me["municipality_id"]), 201)
			c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
				`{"last_name": "Семенова", "first_name": "Алена", "birth_date": "2016-04-12", "sex": "female"}`, 201)
			body := func(child int64, birth string) string {
				return fmt.Sprintf(`{"child_id": %d, "document_type": "birth_certificate", "series": "IV-МЮ", "number": "123456", "birth_date": %q}`, child, birth)
			}

			// Outside the caller's scope: as if the child did not exist.
			call(t, e, other, "POST", "/api/v1/admin/contingent/lookup", body(id(c), "2016-04-12"), 404)
			// The document number alone no longer opens the registry.
			call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", `{"document_type": "birth_certificate", "series": "IV-МЮ", "number": "123456"}`, 422)
			call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", strings.Replace(body(id(c), ""), `, "birth_date": ""`, "", 1), 422)
			// A wrong birth date: nothing of the record.
			miss := call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", body(id(c), "2016-04-13"), 200)
			if miss["found"] != false || miss["record"] != nil {
				t.Fatalf("a wrong birth date revealed the record: %v", miss)
			}
			hit := call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", body(id(c), "2016-04-12"), 200)
			if rec, _ := hit["record"].(map[string]any); hit["found"] != true || rec["snils"] == nil {
				t.Fatalf("the matching look-up: %v", hit)
			}

			entries, _, err := e.db.SearchAudit(ctx, store.AuditFilter{Action: "contingent.lookup", Page: 1, PerPage: 10})
			if err != nil {
				t.Fatal(err)
			}
			details := map[string]int{}
			for _, en := range entries {
				if en.SubjectKind != "child" || en.SubjectID != id(c) {
					t.Fatalf("audit entry %+v does not name child %d", en, id(c))
				}
				details[en.Details]++
			}
			if details["matched"] != 1 || details["not_matched"] != 1 {
				t.Fatalf("audit details %v, want one matched and one not_matched", details)
			}

			// 60 look-ups an hour per account: two taken above, 58 more pass.
			for i := 0; i < 58; i++ {
				call(t, e, op, "POST", "/api/v1/admin/contingent/lookup", body(id(c), "2016-04-13"), 200)
			}
			resp, text := e.do(t, "POST", "/api/v1/admin/contingent/lookup", body(id(c), "2016-04-12"), op...)
			if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("61st look-up: %d %q Retry-After %q", resp.StatusCode, text, resp.Header.Get("Retry-After"))
			}
		})
	}
}
