package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestEveryPageOnAPhoneInBrowser opens every page a person reaches by GET, as
// every role, on a 360-pixel screen: none scrolls sideways, none shows an
// internal code (a status, type, registry, direction or action as the
// program names it), none has an accessibility violation of serious or
// critical impact; an unknown address gets the Russian 404 page.
func TestEveryPageOnAPhoneInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	e := newEnv(t, store.SQLite)
	ctx := context.Background()
	one := func(q string, args ...any) int64 {
		var id int64
		if err := e.db.View(ctx, func(tx *store.Tx) error { return tx.QueryRow(ctx, q, args...).Scan(&id) }); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return id
	}
	f := newContractFixture(t, e, 3)
	call(t, e, f.provider, "POST", fmt.Sprintf("/api/v1/admin/applications/%d/accept", f.apps[0]), "", 200)
	program := one("SELECT min(p.id) FROM programs p JOIN groups g ON g.program_id = p.id WHERE p.status = 'published'")
	providerProgram := one("SELECT min(p.id) FROM programs p JOIN staff s ON s.organization_id = p.organization_id WHERE s.email = 'provider@demo.example.ru'")
	providerGroup := one("SELECT min(id) FROM groups WHERE program_id = ?", providerProgram)
	siteUser := one("SELECT site_user_id FROM children WHERE id = ?", f.kids[0])
	staff := one("SELECT id FROM staff WHERE email = 'operator@demo.example.ru'")
	org := one("SELECT organization_id FROM staff WHERE email = 'operator@demo.example.ru'")
	period := one("SELECT id FROM periods WHERE is_current = TRUE")
	muni := one("SELECT municipality_id FROM organizations WHERE id = ?", org)

	roles := []struct {
		email, password string
		pages           []string
	}{
		{"", "", []string{"/", "/programs", fmt.Sprintf("/programs/%d", program), "/programs?q=" + urlq("рисование"), "/offices", fmt.Sprintf("/executors?municipality_id=%d", muni), "/executors", "/register",
			"/forgot-password", "/login", "/privacy", "/terms", "/demo/codes", "/demo/mail"}},
		{familyOf01(t, e, 3), "demo-parent-2026", []string{"/cabinet/profile", "/cabinet/children", fmt.Sprintf("/cabinet/children/%d", f.kids[0]),
			"/cabinet/achievements", "/cabinet/applications", fmt.Sprintf("/cabinet/applications/%d", f.apps[0]),
			fmt.Sprintf("/cabinet/applications/%d", f.apps[1]), "/cabinet/views", "/cabinet/deferred", "/cabinet/password", "/cabinet/second-factor",
			fmt.Sprintf("/programs/%d", program)}},
		{"operator@demo.example.ru", "demo-operator-2026", []string{"/admin/site-users", "/admin/site-users?q=" + urlq("Договорова"), "/admin/site-users/new",
			fmt.Sprintf("/admin/site-users/%d", siteUser), fmt.Sprintf("/admin/site-users/%d?tab=activity", siteUser),
			fmt.Sprintf("/admin/site-users/%d?tab=children", siteUser), fmt.Sprintf("/admin/site-users/%d?tab=applications", siteUser),
			fmt.Sprintf("/admin/children/%d", f.kids[0]), "/admin/quick-issue", "/admin/reports"}},
		{"provider@demo.example.ru", "demo-provider-2026", []string{"/admin/applications", "/admin/programs", fmt.Sprintf("/admin/programs/%d", providerProgram),
			fmt.Sprintf("/admin/programs/%d/groups/%d", providerProgram, providerGroup), "/admin/reports", "/admin/executor",
			fmt.Sprintf("/admin/groups/%d/attendance", providerGroup), "/admin/executor-reports", "/admin/agreements"}},
		{"blestyashchiy@demo.example.ru", "demo-municipal-2026", []string{"/admin/site-users", "/admin/organizations", fmt.Sprintf("/admin/organizations/%d", org),
			"/admin/organizations/new", "/admin/staff", fmt.Sprintf("/admin/staff/%d", staff), "/admin/staff/new", "/admin/municipality-settings",
			"/admin/registries", "/admin/reports", "/admin/reports/certificates", "/admin/executors", "/admin/executors?status=included",
			fmt.Sprintf("/admin/executors/%d", one("SELECT id FROM executors WHERE municipality_id = ?", muni)), fmt.Sprintf("/admin/groups/%d/attendance", providerGroup),
			"/admin/executor-reports", "/admin/agreements", "/admin/social-order"}},
		{"region@demo.example.ru", "demo-region-2026", []string{"/admin/site-users", "/admin/municipalities", fmt.Sprintf("/admin/municipalities/%d/settings", muni),
			"/admin/directions", "/admin/periods", fmt.Sprintf("/admin/periods/%d", period), "/admin/certification", "/admin/registries", "/admin/audit",
			"/admin/staff", "/admin/organizations", "/admin/reports", "/admin/reports/money-municipalities", "/admin/reports/applications", "/admin/reports/fill"}},
	}
	for _, role := range roles {
		name := role.email
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			b := browsertest.New(t)
			if role.email != "" {
				signIn(t, b, e, role.email, role.password)
				// Wait until the sign-in's own redirect has landed.
				for i := 0; i < 50; i++ {
					if loc, _ := chromedp.Run(b, chromedp.Location()); !strings.HasSuffix(loc, "/login") {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				if err := chromedp.Do(b, chromedp.WaitReady(chromedp.CSS("footer, .admin-main"))); err != nil {
					t.Fatal(err)
				}
			}
			for _, page := range role.pages {
				resp, err := chromedp.RunResponse(b, chromedp.Navigate(e.srv.URL+page))
				if err != nil || resp.Status != http.StatusOK {
					t.Errorf("%s: %v %v", page, resp, err)
					continue
				}
				lookAt(t, b, strings.NewReplacer("/", "_", "?", "_", "=", "_", "%", "").Replace(name+page))
			}
		})
	}
	t.Run("unknown address", func(t *testing.T) {
		b := browsertest.New(t)
		resp, err := chromedp.RunResponse(b, chromedp.Navigate(e.srv.URL+"/no-such-page"))
		if err != nil || resp.Status != http.StatusNotFound {
			t.Fatalf("an unknown address: %v %v", resp, err)
		}
		if text := lookAt(t, b, "404"); !strings.Contains(text, "Страница не найдена") || !strings.Contains(text, "Навигатор") {
			t.Fatalf("the 404 page: %s", text)
		}
	})
}
