package demo

import "fmt"

const familyCount = 60

// ageDay is the day children's ages are counted on.
var ageDay = day(2026, 11, 24)

// childStates cycle over the children so that every state is present:
// registered online only, a certificate requested online, confirmed by an
// office without a certificate, and each kind of issued certificate.
var childStates = []struct {
	confirmed   bool
	certificate string
}{
	{false, ""}, {true, "financing"}, {false, "unconfirmed"}, {true, "accounting"},
	{true, "financing"}, {true, ""}, {true, "accounting"}, {true, "financing"},
}

// families are parents with one to three children each, a third of them
// in г. Блестящий and the rest spread over the other municipalities.
func (g *gen) families(orgs []Organization) []Family {
	var out []Family
	emails := map[string]bool{}
	state := 0
	for i := range familyCount {
		p := places[0]
		if i%3 != 0 {
			p = places[1+(i-i/3-1)%(len(places)-1)]
		}
		resident := i%13 != 6
		f := g.family(p.Code, resident, emails)
		offices := officesOf(orgs, p.Code)
		children := 1
		switch n := g.intn(100); {
		case i == 0 || n >= 85:
			children = 3
		case n >= 45:
			children = 2
		}
		ages := g.ages(children)
		for c := range ages {
			s := childStates[state%len(childStates)]
			state++
			if !resident && c == 0 {
				// Confirmed without СНИЛС: a foreign document is enough.
				s.confirmed, s.certificate = true, "accounting"
			}
			f.Children = append(f.Children, g.child(f, ages[c], s.confirmed, s.certificate, offices, c == 0))
		}
		out = append(out, f.Family)
	}
	return out
}

// ages returns up to n ages of siblings, 5 to 17, the eldest first, two
// to four years apart.
func (g *gen) ages(n int) []int {
	youngest := g.between(5, 17-3*(n-1))
	out := []int{youngest}
	for len(out) < n {
		out = append([]int{out[0] + g.between(2, 3)}, out...)
	}
	return out
}

// family is a parent with the father whose name the children carry.
type family struct {
	Family
	surname [2]string
	father  man
}

func (g *gen) family(code string, resident bool, emails map[string]bool) family {
	f := family{surname: surnames[g.intn(len(surnames))], father: adultMen[g.intn(len(adultMen))]}
	grandfather := adultMen[g.intn(len(adultMen))]
	f.MunicipalityCode, f.ResidentRF, f.Phone = code, resident, g.mobile()
	if g.chance(75) {
		f.LastName, f.FirstName, f.Patronymic = f.surname[1], g.pick(adultWomen), grandfather.daughter
	} else {
		f.LastName, f.FirstName, f.Patronymic = f.surname[0], f.father.name, grandfather.son
	}
	domain := "example.ru"
	switch n := g.intn(100); {
	case n >= 85:
		domain = "example.org"
	case n >= 70:
		domain = "example.com"
	}
	name := translit(f.LastName) + "." + translit(f.FirstName)
	f.Email = name + "@" + domain
	for n := 2; emails[f.Email]; n++ {
		f.Email = fmt.Sprintf("%s%d@%s", name, n, domain)
	}
	emails[f.Email] = true
	return f
}

// named reports whether a child of the family already has the name.
func (f family) named(first string) bool {
	for _, c := range f.Children {
		if c.FirstName == first {
			return true
		}
	}
	return false
}

// officesOf lists the certificate offices of a municipality.
func officesOf(orgs []Organization, code string) []string {
	var out []string
	for _, o := range orgs {
		if o.IsCertificateOffice && o.MunicipalityCode == code {
			out = append(out, o.Key)
		}
	}
	return out
}

func (g *gen) child(f family, age int, confirmed bool, certificate string, offices []string, eldest bool) Child {
	c := Child{LastName: f.surname[0], Patronymic: f.father.son, Sex: "male"}
	names := boys
	if g.chance(50) {
		c.LastName, c.Patronymic, c.Sex, names = f.surname[1], f.father.daughter, "female", girls
	}
	// Siblings have different names.
	for c.FirstName == "" || f.named(c.FirstName) {
		c.FirstName = g.pick(names)
	}
	// Born within the year before the age-th birthday: exactly age years
	// old on ageDay.
	c.BirthDate = date(ageDay.AddDate(-age, 0, -g.intn(360)))
	switch {
	case f.ResidentRF && (g.chance(90) || confirmed && eldest):
		c.SNILS = g.snils()
	case !f.ResidentRF && !eldest && g.chance(40):
		c.SNILS = g.snils()
	}
	if f.ResidentRF && c.SNILS == "" {
		// An office confirms a resident only with СНИЛС; the family may
		// still have asked for a certificate online.
		confirmed = false
		if certificate != "" {
			certificate = "unconfirmed"
		}
	}
	c.Confirmed, c.CertificateType = confirmed, certificate
	if confirmed {
		c.CertificateOfficeKey = offices[0]
		if len(offices) > 1 && g.chance(30) {
			c.CertificateOfficeKey = offices[1+g.intn(len(offices)-1)]
		}
	}
	return c
}
