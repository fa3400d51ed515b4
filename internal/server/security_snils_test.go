package server_test

import (
	"fmt"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/storetest"
)

// TestSNILSConflictTellsNothing: a СНИЛС that a child of another
// municipality has is refused with a message that does not say a child has
// it; one that a child of the operator's own municipality has names that
// child's card; every such attempt is audited with both children, and the
// 11th of a day is refused with 429.
func TestSNILSConflictTellsNothing(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			snilsIn := func(code string, skip int) string {
				for _, f := range e.region.Families {
					for _, c := range f.Children {
						if (f.MunicipalityCode == code || (code == "other" && f.MunicipalityCode != "01")) && c.SNILS != "" {
							if skip == 0 {
								return c.SNILS
							}
							skip--
						}
					}
				}
				t.Fatalf("no child with СНИЛС in municipality %s", code)
				return ""
			}
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Орлова",
				"first_name": "Вера", "phone": "+79131112233", "email": "orlova.snils@example.ru"}`, me["municipality_id"]), 201)
			c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
				`{"last_name": "Орлова", "first_name": "Ника", "birth_date": "2016-05-05", "sex": "female"}`, 201)
			path := fmt.Sprintf("/api/v1/admin/children/%d", id(c))
			patch := func(snils string) (int, string) {
				resp, body := e.do(t, "PATCH", path, fmt.Sprintf(`{"snils": %q}`, snils), op...)
				return resp.StatusCode, body
			}

			status, body := patch(snilsIn("other", 0))
			if status != 422 || !strings.Contains(body, navigator.SNILSNotSaved) || strings.Contains(body, "ребёнк") {
				t.Fatalf("a СНИЛС of another municipality's child: %d %s", status, body)
			}
			status, body = patch(snilsIn("01", 0))
			if status != 422 || !strings.Contains(body, "вашего муниципалитета") {
				t.Fatalf("a СНИЛС of the operator's own municipality's child: %d %s", status, body)
			}
			if n := auditCount(t, e, "child.snils_conflict"); n != 2 {
				t.Fatalf("%d conflicts audited, want 2", n)
			}
			for i := 1; i < 8; i++ {
				if status, body = patch(snilsIn("other", i)); status != 422 {
					t.Fatalf("conflict %d: %d %s", i+2, status, body)
				}
			}
			if status, _ = patch(snilsIn("other", 9)); status != 422 {
				t.Fatalf("the 10th conflict of the day: %d", status)
			}
			if status, body = patch(snilsIn("other", 10)); status != 429 {
				t.Fatalf("the 11th conflict of the day: %d %s, want 429", status, body)
			}
		})
	}
}
