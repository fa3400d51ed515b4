package server_test

import (
	"testing"

	"navigator/internal/storetest"
)

// TestPersonalDataNotStored: answers that carry someone's data forbid any
// cache to keep them; the public catalog may be cached.
func TestPersonalDataNotStored(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			parent := staffToken(t, e, e.region.Families[0].Email, "demo-parent-2026")
			for _, c := range []struct {
				path    string
				auth    []string
				noStore bool
			}{
				{"/api/v1/me", parent, true},
				{"/api/v1/me/children", parent, true},
				{"/api/v1/me/applications", parent, true},
				{"/api/v1/admin/site-users", op, true},
				{"/api/v1/programs", nil, false},
			} {
				resp, _ := e.do(t, "GET", c.path, "", c.auth...)
				if resp.StatusCode != 200 {
					t.Fatalf("GET %s: %d", c.path, resp.StatusCode)
				}
				if got := resp.Header.Get("Cache-Control") == "no-store"; got != c.noStore {
					t.Errorf("GET %s: Cache-Control %q, want no-store: %v", c.path, resp.Header.Get("Cache-Control"), c.noStore)
				}
			}
		})
	}
}
