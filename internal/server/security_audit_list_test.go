package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestSiteUserListAudited: a staff read of a list of people is audited
// whether or not it searches for someone: an empty query pages through
// every parent in scope.
func TestSiteUserListAudited(t *testing.T) {
	t.Parallel()
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

// TestChildCardReadsTheParentThroughTheService: the child card shows the
// parent's name and contacts and, on «Заявки», the applications; both go
// through the service, so the parent's read is audited as the user card
// is, and an operator of another municipality gets 404 for the card.
func TestChildCardReadsTheParentThroughTheService(t *testing.T) {
	t.Parallel()
	e := newEnv(t, store.SQLite)
	f := newContractFixture(t, e, 1)
	op := pageSession(t, e, "operator@demo.example.ru", "demo-operator-2026")
	var parent int64
	if err := e.db.View(context.Background(), func(tx *store.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT site_user_id FROM children WHERE id = ?", f.kids[0]).Scan(&parent)
	}); err != nil {
		t.Fatal(err)
	}
	for _, tab := range []string{"", "?tab=applications"} {
		before := auditCount(t, e, "site_user.read")
		status, _, body, _ := e.page(t, op, "GET", fmt.Sprintf("/admin/children/%d%s", f.kids[0], tab), nil)
		if status != 200 {
			t.Fatalf("the child card%s: %d", tab, status)
		}
		if tab != "" && !strings.Contains(body, "Шашки") && !strings.Contains(body, fmt.Sprintf("№ %d", f.apps[0])) {
			t.Errorf("the «Заявки» tab does not list the child's application")
		}
		if after := auditCount(t, e, "site_user.read"); after < before+1 {
			t.Fatalf("the child card%s read the parent without an audit entry (%d → %d)", tab, before, after)
		}
	}
	page, _, err := e.db.SearchAudit(context.Background(), store.AuditFilter{Action: "site_user.read", SubjectKind: "site_user", SubjectID: parent, Page: 1, PerPage: 5})
	if err != nil || len(page) == 0 {
		t.Fatalf("no site_user.read of the parent %d: %v", parent, err)
	}
}
