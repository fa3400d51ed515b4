package server_test

import (
	"context"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestSiteUserListAudited: a staff read of a list of people is audited
// whether or not it searches for someone: an empty query pages through
// every parent in scope.
func TestSiteUserListAudited(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			for _, path := range []string{"/api/v1/admin/site-users?page=2", "/api/v1/admin/site-users", "/api/v1/admin/site-users?q=" + "%D0%B0"} {
				before := auditCount(t, e, "site_user")
				call(t, e, op, "GET", path, "", 200)
				if after := auditCount(t, e, "site_user"); after != before+1 {
					t.Fatalf("GET %s: %d audit entries of site users before, %d after; want one more", path, before, after)
				}
			}
		})
	}
}

// auditCount counts the journal's entries of an action or its prefix.
func auditCount(t *testing.T, e *env, action string) int {
	t.Helper()
	_, n, err := e.db.SearchAudit(context.Background(), store.AuditFilter{Action: action, Page: 1, PerPage: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
