package server_test

import (
	"testing"

	"navigator/internal/storetest"
)

// TestAuditJournalScopeAndPerson: the municipal admin reads the journal of
// their municipality only — not the sign-in of another municipality's
// provider, which the regional admin sees — and both find the entries
// of a person by name, in any case and with е for ё.
func TestAuditJournalScopeAndPerson(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			municipal := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			operator := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			staffToken(t, e, "provider.zarechny@demo.example.ru", "demo-provider2-2026") // a sign-in in г. Заречный
			call(t, e, operator, "GET", "/api/v1/admin/site-users?q="+urlq("Ильина"), "", 200)

			ids := map[string]float64{}
			for _, st := range call(t, e, region, "GET", "/api/v1/admin/staff?per_page=100", "", 200)["items"].([]any) {
				st := st.(map[string]any)
				ids[st["email"].(string)] = st["id"].(float64)
			}
			far, op := ids["provider.zarechny@demo.example.ru"], ids["operator@demo.example.ru"]
			if far == 0 || op == 0 {
				t.Fatalf("staff ids: %v", ids)
			}
			signIns := func(token []string) (own, foreign int) {
				page := call(t, e, token, "GET", "/api/v1/admin/audit?action=sign_in&per_page=100", "", 200)
				for _, it := range page["items"].([]any) {
					it := it.(map[string]any)
					switch {
					case it["actor_role"] == "provider" && it["actor_id"] == far:
						foreign++
					case it["actor_role"] == "operator" && it["actor_id"] == op:
						own++
					}
				}
				return own, foreign
			}
			if own, foreign := signIns(region); own == 0 || foreign == 0 {
				t.Fatalf("the regional admin sees %d sign-ins of the operator and %d of Заречный's provider", own, foreign)
			}
			if own, foreign := signIns(municipal); own == 0 || foreign != 0 {
				t.Fatalf("the municipal admin sees %d sign-ins of their operator and %d of Заречный's provider", own, foreign)
			}
			// A person by name: «кузнецова татьяна» finds the operator's own
			// entries, and nobody else's actions.
			page := call(t, e, municipal, "GET", "/api/v1/admin/audit?per_page=100&person="+urlq("кузнецова татьяна"), "", 200)
			items := page["items"].([]any)
			if len(items) == 0 || page["total"].(float64) < float64(len(items)) {
				t.Fatalf("by name: %v", page)
			}
			for _, it := range items {
				it := it.(map[string]any)
				if !(it["actor_role"] == "operator" && it["actor_id"] == op) && !(it["subject_kind"] == "staff" && it["subject_id"] == op) {
					t.Fatalf("by name, an entry neither by nor about the operator: %v", it)
				}
			}
			if p := call(t, e, region, "GET", "/api/v1/admin/audit?person="+urlq("Несуществующая Фамилия"), "", 200); p["total"].(float64) != 0 {
				t.Fatalf("an unknown name found %v", p["total"])
			}
			call(t, e, operator, "GET", "/api/v1/admin/audit", "", 403)
		})
	}
}
