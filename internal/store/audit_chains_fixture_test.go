package store_test

import (
	"context"
	"fmt"
	"testing"

	"navigator"
	"navigator/internal/store"
)

// chainRegion is a region of n municipalities, each with an organization
// and an operator, the first with a municipal admin, and a regional admin:
// the actors whose entries go to different chains.
type chainRegion struct {
	muns   []navigator.Municipality
	orgs   []navigator.Organization
	ops    []navigator.Staff
	admin  navigator.Staff // the first municipality's admin
	region navigator.Staff
}

func newChainRegion(t testing.TB, db *store.DB, n int) *chainRegion {
	t.Helper()
	ctx := context.Background()
	r := &chainRegion{}
	must(t, db.SetRegion(ctx, navigator.Region{Code: "55", Name: "Омская область"}))
	for i := 0; i < n; i++ {
		m := navigator.Municipality{Code: fmt.Sprintf("%02d", i+1), Name: fmt.Sprintf("Муниципалитет %d", i+1)}
		must(t, db.CreateMunicipality(ctx, &m))
		o := navigator.Organization{MunicipalityID: m.ID, Name: fmt.Sprintf("Дом творчества %d", i+1), IsProvider: true,
			IsCertificateOffice: true, Phone: "+71111111111", Email: fmt.Sprintf("ddt%d@example.ru", i+1),
			Responsible: []navigator.Person{{FullName: "Петрова Анна Сергеевна", Position: "методист"}}}
		must(t, db.CreateOrganization(ctx, &o))
		op := navigator.Staff{Email: fmt.Sprintf("op%d@example.ru", i+1), Role: navigator.RoleOperator, OrganizationID: o.ID}
		must(t, db.CreateStaff(ctx, &op, "hash"))
		r.muns, r.orgs, r.ops = append(r.muns, m), append(r.orgs, o), append(r.ops, op)
	}
	r.admin = navigator.Staff{Email: "mun@example.ru", Role: navigator.RoleMunicipalAdmin, MunicipalityID: r.muns[0].ID}
	must(t, db.CreateStaff(ctx, &r.admin, "hash"))
	r.region = navigator.Staff{Email: "region@example.ru", Role: navigator.RoleRegionalAdmin}
	must(t, db.CreateStaff(ctx, &r.region, "hash"))
	return r
}

// read is an operator's audited read of a child, with no subject kept:
// its chain is the operator's municipality.
func (r *chainRegion) read(i int) store.AuditEntry {
	return store.AuditEntry{ActorRole: "operator", ActorID: r.ops[i].ID, Action: "site_user.list", IP: "10.0.0.1"}
}

// regional is a regional admin's entry about nothing of a municipality.
func (r *chainRegion) regional() store.AuditEntry {
	return store.AuditEntry{ActorRole: "regional_admin", ActorID: r.region.ID, Action: "staff.list"}
}

// entries returns the journal, oldest first.
func entries(t testing.TB, db *store.DB) []store.AuditEntry {
	t.Helper()
	list, _, err := db.SearchAudit(context.Background(), store.AuditFilter{PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}
