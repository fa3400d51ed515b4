package store_test

import (
	"context"
	"testing"

	"navigator"
	"navigator/internal/store"
)

// fixture is a small region: one municipality, one office that is also a
// provider, a regional admin and an operator.
type fixture struct {
	mun      navigator.Municipality
	office   navigator.Organization
	admin    navigator.Staff
	operator navigator.Staff
}

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{}
	must(t, db.SetRegion(ctx, navigator.Region{Code: "55", Name: "Омская область"}))
	f.mun = navigator.Municipality{Code: "07", Name: "г. Блестящий"}
	must(t, db.CreateMunicipality(ctx, &f.mun))
	f.office = navigator.Organization{MunicipalityID: f.mun.ID, Name: "Дом детского творчества «Центральный»",
		IsProvider: true, IsCertificateOffice: true, Phone: "+71111111111", Email: "ddt@example.ru",
		Responsible: []navigator.Person{{FullName: "Петрова Анна Сергеевна", Position: "методист"}}}
	must(t, db.CreateOrganization(ctx, &f.office))
	f.admin = navigator.Staff{Email: "Region@Example.ru", Role: navigator.RoleRegionalAdmin, FullName: "Иванов И. И."}
	must(t, db.CreateStaff(ctx, &f.admin, "hash-admin"))
	f.operator = navigator.Staff{Email: "op@example.ru", Role: navigator.RoleOperator, OrganizationID: f.office.ID}
	must(t, db.CreateStaff(ctx, &f.operator, "hash-op"))
	return f
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
