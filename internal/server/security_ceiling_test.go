package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestNominalCeiling: a municipality's nominal has a region-wide upper
// bound that only the regional admin sets (100 000 ₽ until then); a nominal
// above it is refused with code above_ceiling and changes nothing; the
// ceiling cannot go below a nominal a municipality already has; the
// change is audited.
func TestNominalCeiling(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			ma := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			ra := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			me := call(t, e, ma, "GET", "/api/v1/me", "", 200)
			path := fmt.Sprintf("/api/v1/admin/municipalities/%.0f/settings", me["municipality_id"])
			st := call(t, e, ma, "GET", path, "", 200)
			if st["financing_nominal_ceiling"] != "100000.00" {
				t.Fatalf("default ceiling: %v", st["financing_nominal_ceiling"])
			}
			put := func(nominal string, status int) map[string]any {
				return call(t, e, ma, "PUT", path, fmt.Sprintf(`{"financing_nominal": %q, "financing_quota": %.0f, "budget_limit": %.0f,
					"financing_to_accounting_days": %.0f, "children_total": %.0f}`, nominal, st["financing_quota"], st["budget_limit"],
					st["financing_to_accounting_days"], st["children_total"]), status)
			}
			// A slip of the keyboard: a million on every certificate.
			if p := put("1000000.00", 422); !strings.Contains(fmt.Sprint(p["errors"]), "above_ceiling") {
				t.Fatalf("a nominal above the ceiling: %v", p)
			}
			if got := call(t, e, ma, "GET", path, "", 200); got["financing_nominal"] != "25000.00" {
				t.Fatalf("a refused nominal changed the settings: %v", got["financing_nominal"])
			}

			// Only the regional admin sets the ceiling.
			call(t, e, ma, "PUT", "/api/v1/admin/nominal-ceiling", `{"financing_nominal_ceiling": "500000.00"}`, 403)
			call(t, e, ra, "PUT", "/api/v1/admin/nominal-ceiling", `{}`, 422)
			call(t, e, ra, "PUT", "/api/v1/admin/nominal-ceiling", `{"financing_nominal_ceiling": "0.00"}`, 422)
			// Not below what a municipality already has (25 000 ₽).
			if p := call(t, e, ra, "PUT", "/api/v1/admin/nominal-ceiling", `{"financing_nominal_ceiling": "20000.00"}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "below_set") {
				t.Fatalf("a ceiling below a set nominal: %v", p)
			}
			if c := call(t, e, ra, "PUT", "/api/v1/admin/nominal-ceiling", `{"financing_nominal_ceiling": "30000.00"}`, 200); c["financing_nominal_ceiling"] != "30000.00" {
				t.Fatalf("the new ceiling: %v", c)
			}
			if c := call(t, e, ma, "GET", "/api/v1/admin/nominal-ceiling", "", 200); c["financing_nominal_ceiling"] != "30000.00" {
				t.Fatalf("the ceiling as the municipality sees it: %v", c)
			}
			put("30000.01", 422)
			if got := put("30000.00", 200); got["financing_nominal"] != "30000.00" {
				t.Fatalf("a nominal at the ceiling: %v", got)
			}

			entries, _, err := e.db.SearchAudit(ctx, store.AuditFilter{Action: "settings.nominal_ceiling", Page: 1, PerPage: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || !strings.Contains(entries[0].Details, "30\u00a0000,00") {
				t.Fatalf("audit of the ceiling: %+v", entries)
			}
		})
	}
}
