package demo

import "fmt"

// families are parents with children in various states: unconfirmed,
// confirmed without a certificate, and with each type of certificate.
func (g *gen) families(ms []Municipality, orgs []Organization) []Family {
	offices := map[string][]string{}
	for _, o := range orgs {
		if o.IsCertificateOffice {
			offices[o.MunicipalityCode] = append(offices[o.MunicipalityCode], o.Key)
		}
	}
	var out []Family
	seen := map[string]bool{}
	for i := 0; i < 60; i++ {
		m := ms[i%len(ms)]
		if i%3 == 0 {
			m = ms[0] // г. Блестящий is the largest
		}
		mother := g.chance(75)
		p := g.person(mother)
		email := fmt.Sprintf("%s.%s@example.ru", translit(p.first), translit(p.last))
		for n := 2; seen[email]; n++ {
			email = fmt.Sprintf("%s.%s%d@example.ru", translit(p.first), translit(p.last), n)
		}
		seen[email] = true
		f := Family{MunicipalityCode: m.Code, LastName: p.last, FirstName: p.first, Patronymic: p.patronymic,
			Phone: g.phone(), Email: email, ResidentRF: i%15 != 7}
		familyName := p.last
		if mother {
			familyName = maleForm(p.last)
		}
		for c := 0; c < 1+g.intn(3); c++ {
			f.Children = append(f.Children, g.child(familyName, f.ResidentRF, offices[m.Code], i*3+c))
		}
		out = append(out, f)
	}
	return out
}

// maleForm turns a female surname into the male one.
func maleForm(last string) string {
	for _, s := range surnames {
		if s[1] == last {
			return s[0]
		}
	}
	return last
}

func (g *gen) child(familyName string, resident bool, offices []string, n int) Child {
	girl := g.chance(50)
	p := g.person(girl)
	last := familyName
	if girl {
		for _, s := range surnames {
			if s[0] == familyName {
				last = s[1]
			}
		}
	}
	age := g.between(5, 17)
	c := Child{LastName: last, FirstName: p.first, Patronymic: p.patronymic, Sex: "male",
		BirthDate: fmt.Sprintf("%d-%02d-%02d", 2026-age-1, 1+g.intn(12), 1+g.intn(28))}
	if girl {
		c.Sex = "female"
	}
	if resident || g.chance(30) {
		c.SNILS = g.snils()
	}
	// The states cycle so that every kind is present.
	switch n % 6 {
	case 0:
		// Registered online, nothing else yet.
	case 1:
		c.CertificateType = "unconfirmed"
	case 2:
		c.Confirmed = true
	case 3, 4:
		c.Confirmed, c.CertificateType = true, "accounting"
	case 5:
		c.Confirmed, c.CertificateType = true, "financing"
	}
	if resident && c.SNILS == "" {
		c.Confirmed = false
	}
	if !c.Confirmed && c.CertificateType != "unconfirmed" {
		c.CertificateType = ""
	}
	if c.Confirmed || c.CertificateType != "" {
		c.CertificateOfficeKey = offices[g.intn(len(offices))]
	}
	return c
}
