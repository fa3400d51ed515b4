package demo

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	phoneRe  = regexp.MustCompile(`^\+7\d{10}$`)
	emailRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*@(example\.ru|example\.org|example\.com)$`)
	staffRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*@([a-z0-9-]+\.)*(example\.ru|[a-z0-9-]+\.local)$`)
	fioRe    = regexp.MustCompile(`^([А-ЯЁ][а-яё]+) ([А-ЯЁ][а-яё]+) ([А-ЯЁ][а-яё]+)$`)
	dateRe   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	hhmmRe   = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)
	digitsRe = regexp.MustCompile(`^\d+$`)
)

var (
	directions = []string{"social", "science", "art", "sport", "tourism", "technical", "other"}
	registries = []string{"certified", "budget", "paid"}
	orgTypes   = []string{"Учреждение дополнительного образования", "Общеобразовательная школа", "Спортивная школа",
		"Частная организация", "Индивидуальный предприниматель"}
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(), Generate()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls gave different regions")
	}
	// The two regions share no memory: changing one leaves the other.
	a.Programs[0].Modules[0].Groups[0].Schedule[0].Room = "изменено"
	a.Organizations[0].Responsible[0].FullName = "изменено"
	if reflect.DeepEqual(a, b) || !reflect.DeepEqual(b, Generate()) {
		t.Fatal("two calls share data")
	}
}

// BenchmarkGenerate measures building the demo region in memory; serve --demo
// pays this on every start, so it should stay in the low milliseconds.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate()
	}
}

func TestSNILSChecksum(t *testing.T) {
	for _, c := range []struct{ nine, want, why string }{
		{"112233445", "95", "the textbook example: the sum 95 is below 100"},
		{"911000003", "99", "sum 99"},
		{"911000004", "00", "sum 100"},
		{"911000005", "00", "sum 101"},
		{"911000006", "01", "sum 102 modulo 101"},
		{"996100000", "00", "sum 201: modulo 101 gives 100"},
		{"999999999", "01", "sum 405 modulo 101"},
		{"000000001", "01", "sum 1"},
	} {
		if got := SNILSChecksum(c.nine); got != c.want {
			t.Errorf("SNILSChecksum(%q) = %q, want %q (%s)", c.nine, got, c.want, c.why)
		}
	}
	// Against the rule written out once more, on many numbers.
	g := newGen(1, map[string]bool{})
	for range 2000 {
		nine := fmt.Sprintf("%09d", g.intn(1_000_000_000))
		if got, want := SNILSChecksum(nine), snilsReference(nine); got != want {
			t.Fatalf("SNILSChecksum(%q) = %q, want %q", nine, got, want)
		}
	}
}

func snilsReference(nine string) string {
	sum := 0
	for i := 1; i <= 9; i++ {
		sum += int(nine[i-1]-'0') * (10 - i)
	}
	control := 0
	switch {
	case sum < 100:
		control = sum
	case sum == 100 || sum == 101:
	default:
		if control = sum % 101; control == 100 {
			control = 0
		}
	}
	return fmt.Sprintf("%02d", control)
}

// TestTopics checks the word lists the programs are made of.
func TestTopics(t *testing.T) {
	required := map[string][]string{
		"art":       {"drawing", "painting", "ceramics", "vocal", "choir", "guitar", "theatre", "dance"},
		"sport":     {"chess", "football", "volleyball", "swimming", "sambo", "athletics", "basketball"},
		"technical": {"robotics", "python", "modeling3d", "aircraft", "electronics"},
		"science":   {"ecology", "chemistry", "astronomy", "biology"},
		"tourism":   {"local-history", "hiking", "orienteering", "museum"},
		"social":    {"volunteers", "journalism", "english", "leadership", "finance"},
		"other":     {"school-prep", "checkers"},
	}
	for _, d := range directions {
		for _, key := range required[d] {
			if topicByKey(key).direction != d {
				t.Errorf("topic %s is not %s", key, d)
			}
		}
	}
	titles := map[string]string{}
	for _, tp := range topics {
		if !slices.Contains(directions, tp.direction) || tp.ageFrom < 5 || tp.ageTo > 18 || tp.ageTo-tp.ageFrom < 2 ||
			len(tp.titles) < 3 || len(tp.intro) == 0 || len(tp.body) == 0 || len(tp.outcome) == 0 || len(tp.rooms) == 0 {
			t.Errorf("topic %s: %+v", tp.key, tp)
		}
		if c := tp.capacity; c != [2]int{} && (c[0] < 10 || c[1] > 30 || c[0] > c[1]) {
			t.Errorf("topic %s: capacity %v", tp.key, c)
		}
		for _, s := range tp.intro {
			if !strings.Contains(strings.ToLower(s), tp.stem) {
				t.Errorf("topic %s: intro %q does not name the subject (%q)", tp.key, s, tp.stem)
			}
		}
		for _, title := range tp.titles {
			if other, dup := titles[title]; dup {
				t.Errorf("title %q in topics %s and %s", title, other, tp.key)
			}
			titles[title] = tp.key
		}
	}
	for _, k := range kinds {
		for _, key := range k.topics {
			topicByKey(key) // panics on a typo
		}
	}
	for _, p := range privates {
		for _, key := range p.topics {
			topicByKey(key)
		}
	}
}

// TestRegion checks every requirement on the generated region.
func TestRegion(t *testing.T) {
	r := Generate()
	for _, c := range []struct {
		name  string
		check func(t *testing.T, r *Region)
	}{
		{"region", checkRegion},
		{"municipalities", checkMunicipalities},
		{"organizations", checkOrganizations},
		{"ДДТ «Центральный»", checkCentral},
		{"certificate offices", checkOffices},
		{"program counts", checkProgramCounts},
		{"programs", checkPrograms},
		{"program texts", checkProgramTexts},
		{"prices", checkPrices},
		{"groups", checkGroups},
		{"catalog contracts", checkCatalogContracts},
		{"families", checkFamilies},
		{"children", checkChildren},
		{"certificate states", checkCertificateStates},
		{"staff", checkStaff},
		{"names", checkNames},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, r) })
	}
}

func checkRegion(t *testing.T, r *Region) {
	if len(r.Code) != 2 || !digitsRe.MatchString(r.Code) || r.Name == "" {
		t.Errorf("region %q %q", r.Code, r.Name)
	}
}

func checkMunicipalities(t *testing.T, r *Region) {
	if len(r.Municipalities) < 8 {
		t.Errorf("%d municipalities, want at least 8", len(r.Municipalities))
	}
	codes, names, blest := map[string]bool{}, map[string]bool{}, 0
	name := regexp.MustCompile(`^(г\. [А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+(ий|ой) район)$`)
	for _, m := range r.Municipalities {
		if len(m.Code) != 2 || !digitsRe.MatchString(m.Code) || codes[m.Code] {
			t.Errorf("bad or repeated code %q", m.Code)
		}
		if !name.MatchString(m.Name) || names[m.Name] {
			t.Errorf("bad or repeated name %q", m.Name)
		}
		codes[m.Code], names[m.Name] = true, true
		if m.Name == "г. Блестящий" {
			blest++
		}
		if m.FinancingNominal <= 0 || m.FinancingQuota <= 0 || m.BudgetLimit <= 0 || m.ChildrenTotal <= 0 {
			t.Errorf("municipality %+v", m)
		}
	}
	if blest != 1 {
		t.Errorf("%d municipalities named «г. Блестящий», want exactly one", blest)
	}
}

func checkOrganizations(t *testing.T, r *Region) {
	if len(r.Organizations) < 40 {
		t.Errorf("%d organizations, want at least 40", len(r.Organizations))
	}
	keys, inns, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range r.Organizations {
		if keys[o.Key] || o.Key == "" {
			t.Errorf("bad or repeated key %q", o.Key)
		}
		keys[o.Key] = true
		if municipality(r, o.MunicipalityCode) == nil {
			t.Errorf("%s: no municipality %q", o.Key, o.MunicipalityCode)
		}
		if full := o.MunicipalityCode + " " + o.Name; o.Name == "" || names[full] {
			t.Errorf("%s: empty name or repeated in the municipality: %q", o.Key, o.Name)
		} else {
			names[full] = true
		}
		if !slices.Contains(orgTypes, o.Type) {
			t.Errorf("%s: type %q", o.Key, o.Type)
		}
		if want := 10 + 2*boolInt(o.Type == "Индивидуальный предприниматель"); len(o.INN) != want || !validINN(o.INN) || inns[o.INN] {
			t.Errorf("%s: INN %q: want %d digits, valid, unique", o.Key, o.INN, want)
		}
		inns[o.INN] = true
		if !phoneRe.MatchString(o.Phone) || !emailRe.MatchString(strings.ToLower(o.Email)) {
			t.Errorf("%s: phone %q, e-mail %q", o.Key, o.Phone, o.Email)
		}
		if o.Address == "" || o.Schedule == "" || !strings.HasPrefix(o.Website, "https://") || !strings.HasSuffix(o.Website, ".example.ru") {
			t.Errorf("%s: address %q, schedule %q, website %q", o.Key, o.Address, o.Schedule, o.Website)
		}
		for _, b := range o.Branches {
			if b == "" || b == o.Address {
				t.Errorf("%s: branch %q", o.Key, b)
			}
		}
		for _, s := range []string{o.Name, o.ShortName, o.Schedule, o.Address} {
			if err := typography(s); err != nil {
				t.Errorf("%s: %q: %v", o.Key, s, err)
			}
		}
		if !o.IsProvider && !o.IsCertificateOffice {
			t.Errorf("%s is neither a provider nor an office", o.Key)
		}
	}
}

func checkCentral(t *testing.T, r *Region) {
	o := organization(r, "ddt-central")
	if o == nil {
		t.Fatal("no ddt-central")
	}
	m := municipality(r, o.MunicipalityCode)
	if o.Name != "Дом детского творчества «Центральный»" || m == nil || m.Name != "г. Блестящий" || !o.IsProvider ||
		!o.IsCertificateOffice || o.Email != "uchrejdienieDOD@example.ru" || o.Phone != "+71111111111" {
		t.Errorf("ddt-central %+v", o)
	}
}

func checkOffices(t *testing.T, r *Region) {
	offices, where := 0, map[string]int{}
	for _, o := range r.Organizations {
		if !o.IsCertificateOffice {
			if len(o.Responsible) != 0 {
				t.Errorf("%s is no office but has responsible persons", o.Key)
			}
			continue
		}
		offices++
		where[o.MunicipalityCode]++
		if o.Address == "" || o.Schedule == "" || !phoneRe.MatchString(o.Phone) || o.Email == "" || len(o.Responsible) == 0 {
			t.Errorf("office %s lacks contacts: %+v", o.Key, o)
		}
		for _, p := range o.Responsible {
			if !fioRe.MatchString(p.FullName) || p.Position == "" || !phoneRe.MatchString(p.Phone) || !emailRe.MatchString(p.Email) {
				t.Errorf("office %s: responsible %+v", o.Key, p)
			}
		}
	}
	if offices < 5 {
		t.Errorf("%d certificate offices, want at least 5", offices)
	}
	for _, m := range r.Municipalities {
		if where[m.Code] == 0 {
			t.Errorf("%s has no certificate office", m.Name)
		}
	}
}

func checkProgramCounts(t *testing.T, r *Region) {
	if len(r.Programs) < 500 {
		t.Errorf("%d programs, want at least 500", len(r.Programs))
	}
	dirs, regs := map[string]int{}, map[string]int{}
	for _, p := range r.Programs {
		dirs[p.Direction]++
		regs[p.Registry]++
	}
	for _, d := range directions {
		if dirs[d] < 30 {
			t.Errorf("direction %s: %d programs, want at least 30", d, dirs[d])
		}
	}
	for _, reg := range registries {
		if regs[reg] < 50 {
			t.Errorf("registry %s: %d programs, want at least 50", reg, regs[reg])
		}
	}
	if len(dirs) != len(directions) || len(regs) != len(registries) {
		t.Errorf("unknown directions or registries: %v %v", dirs, regs)
	}
	t.Logf("%d programs; by direction %v; by registry %v", len(r.Programs), dirs, regs)
}

func checkPrograms(t *testing.T, r *Region) {
	titles := map[string]bool{}
	for _, p := range r.Programs {
		o := organization(r, p.OrganizationKey)
		if o == nil || !o.IsProvider {
			t.Errorf("%q: organization %q is not a provider", p.Title, p.OrganizationKey)
			continue
		}
		if titles[p.OrganizationKey+" "+p.Title] {
			t.Errorf("%s runs two programs titled %q", p.OrganizationKey, p.Title)
		}
		titles[p.OrganizationKey+" "+p.Title] = true
		if p.Address != o.Address && !slices.Contains(o.Branches, p.Address) {
			t.Errorf("%q: address %q is neither %s's address nor a branch", p.Title, p.Address, o.Key)
		}
		if !slices.Contains(directions, p.Direction) || !slices.Contains(registries, p.Registry) ||
			!slices.Contains([]string{"full_time", "part_time", "distance"}, p.FormOfStudy) {
			t.Errorf("%q: direction %q, registry %q, form %q", p.Title, p.Direction, p.Registry, p.FormOfStudy)
		}
		tp := topicOf(p.Title)
		if tp == nil {
			t.Errorf("%q is no topic's title", p.Title)
			continue
		}
		if p.AgeFrom < 5 || p.AgeTo > 18 || p.AgeFrom > p.AgeTo || p.AgeFrom < tp.ageFrom || p.AgeTo > tp.ageTo {
			t.Errorf("%q: ages %d–%d, the topic suits %d–%d", p.Title, p.AgeFrom, p.AgeTo, tp.ageFrom, tp.ageTo)
		}
		if p.Direction != tp.direction {
			t.Errorf("%q: direction %s, topic's %s", p.Title, p.Direction, tp.direction)
		}
		if len(p.Modules) < 1 || len(p.Modules) > 3 {
			t.Errorf("%q: %d modules", p.Title, len(p.Modules))
		}
	}
}

func checkProgramTexts(t *testing.T, r *Region) {
	sentence := regexp.MustCompile(`[.!?](\s|$)`)
	for _, p := range r.Programs {
		for _, s := range []string{p.Title, p.Description} {
			if err := typography(s); err != nil {
				t.Errorf("%q: %v", s, err)
			}
		}
		if n := len(sentence.FindAllString(p.Description, -1)); n < 2 || n > 4 || !strings.HasSuffix(p.Description, ".") {
			t.Errorf("%q: %d sentences in %q", p.Title, n, p.Description)
		}
		if tp := topicOf(p.Title); tp != nil && !strings.Contains(strings.ToLower(p.Description), tp.stem) {
			t.Errorf("%q: the description does not name the subject (%q): %q", p.Title, tp.stem, p.Description)
		}
	}
}

func checkPrices(t *testing.T, r *Region) {
	below, above := 0, 0
	for _, p := range r.Programs {
		for _, m := range p.Modules {
			switch p.Registry {
			case "budget":
				if m.PricePerMonth != 0 || m.NormativeCost != 0 {
					t.Errorf("budget %q: price %d, normative %d", p.Title, m.PricePerMonth, m.NormativeCost)
				}
			case "certified":
				if m.PricePerMonth < 100_000 || m.PricePerMonth > 800_000 || m.NormativeCost <= 0 {
					t.Errorf("certified %q: price %d, normative %d", p.Title, m.PricePerMonth, m.NormativeCost)
				}
				if m.NormativeCost < m.PricePerMonth {
					below++
				}
				if m.NormativeCost > m.PricePerMonth {
					above++
				}
			case "paid":
				if m.PricePerMonth < 100_000 || m.PricePerMonth > 800_000 || m.NormativeCost != 0 {
					t.Errorf("paid %q: price %d, normative %d", p.Title, m.PricePerMonth, m.NormativeCost)
				}
			}
			if m.PricePerMonth%100 != 0 || m.NormativeCost%100 != 0 {
				t.Errorf("%q: kopecks in %d or %d", p.Title, m.PricePerMonth, m.NormativeCost)
			}
		}
	}
	if below == 0 || above == 0 {
		t.Errorf("certified modules with the normative cost below the price: %d, above: %d; want both", below, above)
	}
}

func checkGroups(t *testing.T, r *Region) {
	groups, accepting := 0, 0
	for _, p := range r.Programs {
		names := map[string]bool{}
		for _, m := range p.Modules {
			if m.Name == "" || m.Hours <= 0 || m.Months < 1 || m.Months > 9 || m.MinChildren < 1 ||
				m.MinChildren > m.MaxChildren || len(m.Groups) < 1 || len(m.Groups) > 3 {
				t.Errorf("%q: module %+v", p.Title, m)
			}
			for _, g := range m.Groups {
				groups++
				if g.Accepting {
					accepting++
				}
				if names[g.Name] || !strings.HasPrefix(g.Name, "Группа ") {
					t.Errorf("%q: group name %q", p.Title, g.Name)
				}
				names[g.Name] = true
				if g.Capacity < 10 || g.Capacity > 30 || g.Capacity > m.MaxChildren || g.Capacity < m.MinChildren {
					t.Errorf("%q: capacity %d, module %d–%d", p.Title, g.Capacity, m.MinChildren, m.MaxChildren)
				}
				if !dateRe.MatchString(g.StartsOn) || !dateRe.MatchString(g.EndsOn) || g.StartsOn < "2026-09-01" ||
					g.EndsOn > "2027-05-31" || g.StartsOn >= g.EndsOn || !validDate(g.StartsOn) || !validDate(g.EndsOn) {
					t.Errorf("%q: %s…%s", p.Title, g.StartsOn, g.EndsOn)
				}
				if !fioRe.MatchString(g.Teacher) {
					t.Errorf("%q: teacher %q", p.Title, g.Teacher)
				}
				if len(g.Schedule) < 1 || len(g.Schedule) > 3 {
					t.Errorf("%q: %d schedule rows", p.Title, len(g.Schedule))
				}
				for _, s := range []string{m.Name, g.Schedule[0].Room} {
					if err := typography(s); err != nil {
						t.Errorf("%q: %q: %v", p.Title, s, err)
					}
				}
				days := map[int]bool{}
				for _, s := range g.Schedule {
					if s.Weekday < 1 || s.Weekday > 7 || days[s.Weekday] || !hhmmRe.MatchString(s.Start) || !hhmmRe.MatchString(s.End) ||
						s.Start < "08:00" || s.End > "20:00" || s.End <= s.Start || s.Room == "" || s.Address != p.Address {
						t.Errorf("%q: schedule %+v", p.Title, s)
					}
					days[s.Weekday] = true
				}
			}
		}
	}
	if accepting*100 < groups*75 {
		t.Errorf("%d of %d groups accept applications, want most", accepting, groups)
	}
	t.Logf("%d groups, %d accepting", groups, accepting)
}

// checkCatalogContracts: other packages' tests search the catalog for
// these words and apply to these programs.
func checkCatalogContracts(t *testing.T, r *Region) {
	for _, word := range []string{"рисован", "шахмат", "робототехник", "футбол", "вокал", "программирован", "краеведен"} {
		found := false
		for _, p := range r.Programs {
			found = found || strings.Contains(strings.ToLower(p.Title), word)
		}
		if !found {
			t.Errorf("no program title has %q", word)
		}
	}
	for _, reg := range registries {
		found := false
		for _, p := range r.Programs {
			if p.OrganizationKey == "ddt-central" && p.Registry == reg && p.AgeFrom <= pinnedAge && pinnedAge <= p.AgeTo &&
				p.Modules[0].Groups[0].Accepting {
				found = true
			}
		}
		if !found {
			t.Errorf("ДДТ «Центральный» has no %s program accepting a %d-year-old", reg, pinnedAge)
		}
	}
}

func checkFamilies(t *testing.T, r *Region) {
	if len(r.Families) < 30 {
		t.Errorf("%d families, want at least 30", len(r.Families))
	}
	emails, phones, where := map[string]bool{}, map[string]bool{}, map[string]int{}
	nonResidents := 0
	for _, f := range r.Families {
		if municipality(r, f.MunicipalityCode) == nil {
			t.Errorf("%s: municipality %q", f.Email, f.MunicipalityCode)
		}
		where[f.MunicipalityCode]++
		if emails[f.Email] || !emailRe.MatchString(f.Email) {
			t.Errorf("e-mail %q: bad or repeated", f.Email)
		}
		if phones[f.Phone] || !phoneRe.MatchString(f.Phone) {
			t.Errorf("%s: phone %q: bad or repeated", f.Email, f.Phone)
		}
		emails[f.Email], phones[f.Phone] = true, true
		if len(f.Children) < 1 || len(f.Children) > 3 {
			t.Errorf("%s: %d children", f.Email, len(f.Children))
		}
		if !f.ResidentRF {
			nonResidents++
		}
	}
	for _, m := range r.Municipalities {
		if where[m.Code] == 0 {
			t.Errorf("no family in %s", m.Name)
		}
	}
	if nonResidents < 2 {
		t.Errorf("%d non-resident families, want a few", nonResidents)
	}
	// Other packages' tests sign in as the first family and apply within
	// г. Блестящий's limit of three budget programs.
	if f := r.Families[0]; municipality(r, f.MunicipalityCode).Name != "г. Блестящий" || !f.ResidentRF {
		t.Errorf("the first family %+v", f)
	}
}

func checkChildren(t *testing.T, r *Region) {
	snils := map[string]bool{}
	for _, f := range r.Families {
		firstNames := map[string]bool{}
		for _, c := range f.Children {
			who := f.Email + ": " + c.LastName + " " + c.FirstName
			if c.Sex != "male" && c.Sex != "female" {
				t.Errorf("%s: sex %q", who, c.Sex)
			}
			if firstNames[c.FirstName] {
				t.Errorf("%s: a sibling has the same name", who)
			}
			firstNames[c.FirstName] = true
			birth, err := time.Parse(time.DateOnly, c.BirthDate)
			if err != nil {
				t.Errorf("%s: birth date %q", who, c.BirthDate)
			} else if age := ageOn(birth, day(2026, 11, 24)); age < 5 || age > 17 {
				t.Errorf("%s: %d years old on 2026-11-24", who, age)
			}
			if c.SNILS != "" {
				if len(c.SNILS) != 11 || !digitsRe.MatchString(c.SNILS) || c.SNILS[:9] <= "001001998" ||
					SNILSChecksum(c.SNILS[:9]) != c.SNILS[9:] || snils[c.SNILS] {
					t.Errorf("%s: СНИЛС %q: bad, too low or repeated", who, c.SNILS)
				}
				snils[c.SNILS] = true
			}
		}
	}
}

func checkCertificateStates(t *testing.T, r *Region) {
	types := map[string]int{}
	confirmedOnly, foreignConfirmed := 0, 0
	for _, f := range r.Families {
		for _, c := range f.Children {
			who := f.Email + ": " + c.FirstName
			types[c.CertificateType]++
			switch c.CertificateType {
			case "", "unconfirmed":
			case "accounting", "financing":
				if !c.Confirmed {
					t.Errorf("%s: a %s certificate without confirmation", who, c.CertificateType)
				}
			default:
				t.Errorf("%s: certificate type %q", who, c.CertificateType)
			}
			if c.CertificateType == "unconfirmed" && c.Confirmed {
				t.Errorf("%s: confirmed with an unconfirmed certificate", who)
			}
			if c.Confirmed && f.ResidentRF && c.SNILS == "" {
				t.Errorf("%s: a resident confirmed without СНИЛС", who)
			}
			if c.Confirmed || c.CertificateType == "accounting" || c.CertificateType == "financing" {
				o := organization(r, c.CertificateOfficeKey)
				if o == nil || !o.IsCertificateOffice || o.MunicipalityCode != f.MunicipalityCode {
					t.Errorf("%s: office %q is not an office in the family's municipality", who, c.CertificateOfficeKey)
				}
			} else if c.CertificateOfficeKey != "" {
				t.Errorf("%s: office %q, but nobody confirmed the child", who, c.CertificateOfficeKey)
			}
			if c.Confirmed && c.CertificateType == "" {
				confirmedOnly++
			}
			if c.Confirmed && !f.ResidentRF && c.SNILS == "" {
				foreignConfirmed++
			}
		}
	}
	for _, typ := range []string{"", "unconfirmed", "accounting", "financing"} {
		if types[typ] < 3 {
			t.Errorf("%d children with certificate %q, want several", types[typ], typ)
		}
	}
	if confirmedOnly == 0 || foreignConfirmed < 2 {
		t.Errorf("confirmed without a certificate: %d; non-residents confirmed without СНИЛС: %d", confirmedOnly, foreignConfirmed)
	}
	t.Logf("certificates %v; confirmed only %d; non-residents without СНИЛС %d", types, confirmedOnly, foreignConfirmed)
}

func checkStaff(t *testing.T, r *Region) {
	emails, passwords := map[string]bool{}, map[string]bool{}
	type place struct{ role, where string }
	have := map[place]bool{}
	for _, s := range r.Staff {
		if emails[s.Email] || !staffRe.MatchString(s.Email) {
			t.Errorf("staff e-mail %q: bad or repeated", s.Email)
		}
		if passwords[s.Password] || len(s.Password) < 12 {
			t.Errorf("%s: password %q: short or repeated", s.Email, s.Password)
		}
		emails[s.Email], passwords[s.Password] = true, true
		if !fioRe.MatchString(s.FullName) {
			t.Errorf("%s: name %q", s.Email, s.FullName)
		}
		switch s.Role {
		case "regional_admin":
			have[place{s.Role, ""}] = true
		case "municipal_admin":
			if m := municipality(r, s.MunicipalityCode); m == nil {
				t.Errorf("%s: municipality %q", s.Email, s.MunicipalityCode)
			} else {
				have[place{s.Role, m.Name}] = true
			}
		case "operator", "provider":
			o := organization(r, s.OrganizationKey)
			if o == nil || (s.Role == "operator" && !o.IsCertificateOffice) || (s.Role == "provider" && !o.IsProvider) {
				t.Errorf("%s: %s at %q", s.Email, s.Role, s.OrganizationKey)
				continue
			}
			have[place{s.Role, o.Key}] = true
			if o.MunicipalityCode != "01" {
				have[place{s.Role, "elsewhere"}] = true
			}
		default:
			t.Errorf("%s: role %q", s.Email, s.Role)
		}
	}
	for _, want := range []place{{"regional_admin", ""}, {"municipal_admin", "г. Блестящий"}, {"operator", "ddt-central"},
		{"provider", "ddt-central"}, {"operator", "elsewhere"}, {"provider", "elsewhere"}} {
		if !have[want] {
			t.Errorf("no %s at %s", want.role, want.where)
		}
	}
	if n := count(r.Staff, func(s StaffAccount) bool { return s.Role == "regional_admin" }); n != 1 {
		t.Errorf("%d regional admins, want one", n)
	}
}

// checkNames: every ФИО is a real-looking name with the sex of its first
// name, patronymic and surname agreeing; children carry the family's
// surname and their father's name.
func checkNames(t *testing.T, r *Region) {
	var adults []string
	for _, o := range r.Organizations {
		for _, p := range o.Responsible {
			adults = append(adults, p.FullName)
		}
	}
	for _, p := range r.Programs {
		for _, m := range p.Modules {
			for _, g := range m.Groups {
				adults = append(adults, g.Teacher)
			}
		}
	}
	for _, s := range r.Staff {
		adults = append(adults, s.FullName)
	}
	for _, f := range r.Families {
		adults = append(adults, f.LastName+" "+f.FirstName+" "+f.Patronymic)
	}
	for _, a := range adults {
		if _, err := sexOf(a, true); err != nil {
			t.Error(err)
		}
	}
	for _, f := range r.Families {
		parentFemale, _ := sexOf(f.LastName+" "+f.FirstName+" "+f.Patronymic, true)
		father := ""
		for _, c := range f.Children {
			full := c.LastName + " " + c.FirstName + " " + c.Patronymic
			female, err := sexOf(full, false)
			if err != nil {
				t.Error(err)
				continue
			}
			if female != (c.Sex == "female") {
				t.Errorf("%s: sex %s", full, c.Sex)
			}
			if surnameIn(c.LastName, parentFemale) != f.LastName {
				t.Errorf("%s: not the surname of %s %s", full, f.LastName, f.FirstName)
			}
			m := fatherOf(c.Patronymic)
			if father != "" && m != father {
				t.Errorf("%s: siblings have different fathers", full)
			}
			father = m
			if !parentFemale && f.FirstName != father {
				t.Errorf("%s: the father is %s", full, f.FirstName)
			}
		}
	}
}

// sexOf checks a «Фамилия Имя Отчество» and tells whether it is a woman's.
func sexOf(full string, adult bool) (female bool, err error) {
	m := fioRe.FindStringSubmatch(full)
	if m == nil {
		return false, fmt.Errorf("%q is not «Фамилия Имя Отчество»", full)
	}
	last, first, patronymic := m[1], m[2], m[3]
	female = strings.HasSuffix(patronymic, "на")
	if !female && !strings.HasSuffix(patronymic, "ич") || fatherOf(patronymic) == "" {
		return false, fmt.Errorf("%q: patronymic %q", full, patronymic)
	}
	firsts := boys
	if adult {
		firsts = nil
		for _, a := range adultMen {
			firsts = append(firsts, a.name)
		}
	}
	if female {
		firsts = girls
		if adult {
			firsts = adultWomen
		}
	}
	if !slices.Contains(firsts, first) {
		return female, fmt.Errorf("%q: %q is not a %s's name", full, first, map[bool]string{true: "woman", false: "man"}[female])
	}
	if surnameIn(last, female) != last {
		return female, fmt.Errorf("%q: surname %q is of the other sex", full, last)
	}
	return female, nil
}

// fatherOf finds the man's name a patronymic comes from.
func fatherOf(patronymic string) string {
	for _, m := range adultMen {
		if m.son == patronymic || m.daughter == patronymic {
			return m.name
		}
	}
	return ""
}

// typography checks Russian text: «ёлочки», no Latin letters but in
// «Python» and «3D», dashes and ellipses, and ё where it belongs.
func typography(s string) error {
	latin := regexp.MustCompile(`[A-Za-z]`)
	if latin.MatchString(strings.NewReplacer("Python", "", "3D", "").Replace(s)) {
		return fmt.Errorf("latin letters")
	}
	if strings.ContainsAny(s, "\"'„“”") {
		return fmt.Errorf("quotes other than «ёлочки»")
	}
	if strings.Count(s, "«") != strings.Count(s, "»") {
		return fmt.Errorf("unbalanced «ёлочки»")
	}
	if strings.Contains(s, " - ") || strings.Contains(s, "...") || strings.Contains(s, "  ") {
		return fmt.Errorf("a hyphen for a dash, dots for an ellipsis or a double space")
	}
	if m := withoutYo.FindStringSubmatch(strings.ToLower(s)); m != nil {
		return fmt.Errorf("%q lacks ё", m[1])
	}
	return nil
}

// withoutYo finds words of the texts written with е where ё belongs.
var withoutYo = regexp.MustCompile(`(?:^|[^а-яё])(легкая|легкой|еще|учеба|учебу|звезды|звездах|звездное|звездного|` +
	`самолет|самолетов|самолеты|прием|приемы|приему|приемов|объем|зеленая|чертеж|актер|отчетный|дирижера|ребенок|` +
	`ребенку|веселые|счет|счетах|счеты|дошколенок|дельфиненок|теплыми|теплое|всерьез|берем)(?:[^а-яё]|$)`)

// topicOf finds the topic a program title comes from.
func topicOf(title string) *topic {
	for i := range topics {
		for _, t := range topics[i].titles {
			if title == t || strings.HasPrefix(title, t+": ") && slices.ContainsFunc(levels, func(l string) bool {
				return strings.HasPrefix(strings.TrimPrefix(title, t+": "), l)
			}) {
				return &topics[i]
			}
		}
	}
	return nil
}

// validINN checks the control digits of a 10- or 12-digit INN.
func validINN(inn string) bool {
	if !digitsRe.MatchString(inn) {
		return false
	}
	control := func(weights ...int) byte {
		sum := 0
		for i, w := range weights {
			sum += int(inn[i]-'0') * w
		}
		return byte('0' + sum%11%10)
	}
	switch len(inn) {
	case 10:
		return inn[9] == control(2, 4, 10, 3, 5, 9, 4, 6, 8)
	case 12:
		return inn[10] == control(7, 2, 4, 10, 3, 5, 9, 4, 6, 8) && inn[11] == control(3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
	}
	return false
}

func validDate(s string) bool {
	d, err := time.Parse(time.DateOnly, s)
	return err == nil && d.Format(time.DateOnly) == s
}

// ageOn is the full years from birth to the day.
func ageOn(birth, on time.Time) int {
	age := on.Year() - birth.Year()
	if on.Month() < birth.Month() || on.Month() == birth.Month() && on.Day() < birth.Day() {
		age--
	}
	return age
}

func municipality(r *Region, code string) *Municipality {
	for i := range r.Municipalities {
		if r.Municipalities[i].Code == code {
			return &r.Municipalities[i]
		}
	}
	return nil
}

func organization(r *Region, key string) *Organization {
	for i := range r.Organizations {
		if r.Organizations[i].Key == key {
			return &r.Organizations[i]
		}
	}
	return nil
}

func count[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
