package demo

import (
	"testing"

	"navigator"
)

// TestOrganizationsPassTheirRules: every demo organization passes the
// rules a municipal admin's form holds it to, so editing one in the demo
// never fails on what the demo made.
func TestOrganizationsPassTheirRules(t *testing.T) {
	for _, o := range Generate().Organizations {
		org := navigator.Organization{MunicipalityID: 1, Name: o.Name, ShortName: o.ShortName, Type: o.Type, INN: o.INN,
			Address: o.Address, Phone: o.Phone, Email: o.Email, Website: o.Website, Schedule: o.Schedule,
			IsProvider: o.IsProvider, IsCertificateOffice: o.IsCertificateOffice}
		for _, p := range o.Responsible {
			org.Responsible = append(org.Responsible, navigator.Person{FullName: p.FullName, Position: p.Position, Phone: p.Phone, Email: p.Email})
		}
		if err := org.Validate(); err != nil {
			t.Errorf("%s: %v", o.Key, err)
		}
	}
}
