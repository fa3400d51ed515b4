package demo

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	if !reflect.DeepEqual(Generate(), Generate()) {
		t.Fatal("two calls gave different regions")
	}
}

func TestRegionShape(t *testing.T) {
	r := Generate()
	phone := regexp.MustCompile(`^\+7\d{10}$`)
	email := regexp.MustCompile(`^[a-z0-9.\-]+@[a-z0-9.\-]+\.(example\.ru|example\.org|example\.com)$|^[a-zA-Z0-9.\-]+@example\.ru$`)
	codes := map[string]bool{}
	hasBlest := false
	for _, m := range r.Municipalities {
		if len(m.Code) != 2 || codes[m.Code] {
			t.Errorf("bad or repeated code %q", m.Code)
		}
		codes[m.Code] = true
		hasBlest = hasBlest || m.Name == "г. Блестящий"
	}
	if len(r.Municipalities) < 8 || !hasBlest {
		t.Errorf("%d municipalities, г. Блестящий %v", len(r.Municipalities), hasBlest)
	}
	orgs := map[string]Organization{}
	offices := 0
	for _, o := range r.Organizations {
		if _, dup := orgs[o.Key]; dup {
			t.Errorf("repeated key %s", o.Key)
		}
		orgs[o.Key] = o
		if !codes[o.MunicipalityCode] || !phone.MatchString(o.Phone) || !email.MatchString(o.Email) {
			t.Errorf("organization %s: municipality %q, phone %q, e-mail %q", o.Key, o.MunicipalityCode, o.Phone, o.Email)
		}
		if o.IsCertificateOffice {
			offices++
			if o.Address == "" || o.Schedule == "" || len(o.Responsible) == 0 {
				t.Errorf("office %s lacks contacts", o.Key)
			}
			for _, p := range o.Responsible {
				if p.FullName == "" || p.Position == "" || !phone.MatchString(p.Phone) || !email.MatchString(p.Email) {
					t.Errorf("office %s: responsible %+v", o.Key, p)
				}
			}
		}
	}
	central := orgs["ddt-central"]
	if len(r.Organizations) < 40 || offices < 5 || central.Name != "Дом детского творчества «Центральный»" ||
		!central.IsProvider || !central.IsCertificateOffice || central.MunicipalityCode != "01" {
		t.Errorf("%d organizations, %d offices, central %+v", len(r.Organizations), offices, central)
	}
	dirs, regs := map[string]int{}, map[string]int{}
	for _, p := range r.Programs {
		dirs[p.Direction]++
		regs[p.Registry]++
		o, ok := orgs[p.OrganizationKey]
		if !ok || !o.IsProvider {
			t.Errorf("program %q of %q, not a provider", p.Title, p.OrganizationKey)
		}
		if p.AgeFrom < 5 || p.AgeTo > 18 || p.AgeFrom > p.AgeTo || len(p.Modules) == 0 || strings.TrimSpace(p.Description) == "" {
			t.Errorf("program %+v", p)
		}
		for _, m := range p.Modules {
			switch p.Registry {
			case "budget":
				if m.PricePerMonth != 0 {
					t.Errorf("budget program %q has a price", p.Title)
				}
			case "certified":
				if m.PricePerMonth < 100_000 || m.PricePerMonth > 800_000 || m.NormativeCost <= 0 {
					t.Errorf("certified %q: price %d, normative %d", p.Title, m.PricePerMonth, m.NormativeCost)
				}
			case "paid":
				if m.PricePerMonth < 100_000 || m.PricePerMonth > 800_000 {
					t.Errorf("paid %q: price %d", p.Title, m.PricePerMonth)
				}
			}
			for _, g := range m.Groups {
				if g.Capacity < 10 || g.Capacity > 30 || len(g.Schedule) == 0 || g.StartsOn > g.EndsOn {
					t.Errorf("group %+v", g)
				}
				for _, s := range g.Schedule {
					if s.Weekday < 1 || s.Weekday > 7 || s.Start < "08:00" || s.End > "21:00" || s.End <= s.Start || s.Address == "" {
						t.Errorf("schedule %+v", s)
					}
				}
			}
		}
	}
	if len(r.Programs) < 500 {
		t.Errorf("%d programs", len(r.Programs))
	}
	for _, d := range []string{"social", "science", "art", "sport", "tourism", "technical", "other"} {
		if dirs[d] < 30 {
			t.Errorf("direction %s: %d programs", d, dirs[d])
		}
	}
	for _, reg := range []string{"certified", "budget", "paid"} {
		if regs[reg] < 50 {
			t.Errorf("registry %s: %d programs", reg, regs[reg])
		}
	}
	t.Logf("programs by direction %v, by registry %v", dirs, regs)
}

func TestPrivateStudiosTeachTheirTopics(t *testing.T) {
	for _, p := range privates {
		for _, title := range p.topics {
			topicTitled(title) // panics on a typo
		}
	}
	for _, p := range Generate().Programs {
		if p.OrganizationKey == "chess-club" && !strings.HasPrefix(p.Title, "Шахмат") && !strings.HasPrefix(p.Title, "Шашк") {
			t.Errorf("the chess club runs %q", p.Title)
		}
	}
}

func TestFamilies(t *testing.T) {
	r := Generate()
	offices := map[string]string{}
	for _, o := range r.Organizations {
		if o.IsCertificateOffice {
			offices[o.Key] = o.MunicipalityCode
		}
	}
	emails := map[string]bool{}
	types := map[string]int{}
	nonResidentWithoutSNILS := 0
	for _, f := range r.Families {
		if emails[f.Email] || f.Email != strings.ToLower(f.Email) || len(f.Children) == 0 {
			t.Errorf("family %+v", f)
		}
		emails[f.Email] = true
		for _, c := range f.Children {
			types[c.CertificateType]++
			if c.SNILS != "" && (len(c.SNILS) != 11 || SNILSChecksum(c.SNILS[:9]) != c.SNILS[9:]) {
				t.Errorf("bad SNILS %s", c.SNILS)
			}
			if c.Confirmed && f.ResidentRF && c.SNILS == "" {
				t.Error("a resident's child confirmed without SNILS")
			}
			if (c.CertificateType == "accounting" || c.CertificateType == "financing") && !c.Confirmed {
				t.Error("certificate for an unconfirmed child")
			}
			if c.Confirmed && offices[c.CertificateOfficeKey] != f.MunicipalityCode {
				t.Errorf("child confirmed by %q outside the family's municipality", c.CertificateOfficeKey)
			}
			if c.Confirmed && !f.ResidentRF && c.SNILS == "" {
				nonResidentWithoutSNILS++
			}
		}
	}
	if len(r.Families) < 30 || types["unconfirmed"] == 0 || types["accounting"] == 0 || types["financing"] == 0 || types[""] == 0 {
		t.Errorf("%d families, certificate types %v", len(r.Families), types)
	}
	if nonResidentWithoutSNILS == 0 {
		t.Error("no non-resident child confirmed without SNILS")
	}
}

func TestStaff(t *testing.T) {
	r := Generate()
	roles := map[string]int{}
	for _, s := range r.Staff {
		roles[s.Role]++
		if len(s.Password) < 12 || s.Email != strings.ToLower(s.Email) {
			t.Errorf("staff %+v", s)
		}
	}
	for _, role := range []string{"regional_admin", "municipal_admin", "operator", "provider"} {
		if roles[role] == 0 {
			t.Errorf("no %s", role)
		}
	}
}
