package navigator

import "testing"

// TestPermissions is the table of who may do what: a change to a role's
// rights shows here first.
func TestPermissions(t *testing.T) {
	const (
		op  = RoleOperator
		pr  = RoleProvider
		mun = RoleMunicipalAdmin
		reg = RoleRegionalAdmin
		par = RoleParent
	)
	table := []struct {
		p    Permission
		have []Role
	}{
		{PermReadFamilies, []Role{op, mun, reg}},
		{PermManageFamilies, []Role{op, mun}},
		{PermIssueCertificates, []Role{op}},
		{PermRunPrograms, []Role{pr}},
		{PermManageOrganizations, []Role{mun, reg}},
		{PermRunRegion, []Role{reg}},
		{PermReadAudit, []Role{mun, reg}},
		{PermReadReports, []Role{op, pr, mun, reg}},
		{PermApplyExecutor, []Role{pr}},
		{PermKeepExecutors, []Role{mun, reg}},
		{PermPayExecutors, []Role{mun}},
	}
	if len(table) != len(Permissions()) {
		t.Fatalf("the table has %d permissions, Permissions() %d", len(table), len(Permissions()))
	}
	for _, c := range table {
		for _, r := range []Role{op, pr, mun, reg, par, ""} {
			want := false
			for _, h := range c.have {
				want = want || h == r
			}
			if got := r.Can(c.p); got != want {
				t.Errorf("%s.Can(%s) = %v, want %v", r, c.p, got, want)
			}
			a := Actor{Role: r, ID: 1}
			if got := a.Can(c.p); got != (want && a.SignedIn()) {
				t.Errorf("actor %s Can(%s) = %v", r, c.p, got)
			}
			if (Actor{Role: r}).Can(c.p) {
				t.Errorf("an actor without an account may %s", c.p)
			}
		}
	}
	if RoleRegionalAdmin.Can("no.such.permission") {
		t.Error("an unknown permission is held")
	}
}
