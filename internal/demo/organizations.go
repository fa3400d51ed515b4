package demo

import "fmt"

// kind is a kind of public organization every municipality (or every
// city) has, with the topics it teaches and how its programs are paid for.
type kind struct {
	key, typ   string
	name       func(p place, n int) (full, short string)
	topics     []string
	programs   int
	registries registryMix
	office     bool // a certificate office in every municipality
	cityOnly   bool
	branches   int // at most this many other addresses
}

// registryMix is the percentage of budget and certified programs; the
// rest are paid.
type registryMix struct{ budget, certified int }

var kinds = []kind{
	{key: "ddt", typ: "Учреждение дополнительного образования", office: true, programs: 16, branches: 2,
		registries: registryMix{45, 40},
		name: func(p place, _ int) (string, string) {
			return "Дом детского творчества «" + p.ddt + "»", "ДДТ «" + p.ddt + "»"
		},
		topics: []string{"drawing", "ceramics", "vocal", "choir", "theatre", "dance", "guitar", "english", "journalism",
			"leadership", "volunteers", "finance", "ecology", "biology", "school-prep", "checkers", "origami",
			"mental-math", "speed-reading", "robotics", "chess"}},
	{key: "syut", typ: "Учреждение дополнительного образования", programs: 10, branches: 1,
		registries: registryMix{40, 45},
		name: func(p place, _ int) (string, string) {
			return "Станция юных техников «" + p.syut + "»", "СЮТ «" + p.syut + "»"
		},
		topics: []string{"robotics", "python", "modeling3d", "aircraft", "electronics", "astronomy", "chemistry"}},
	{key: "dyussh", typ: "Спортивная школа", programs: 12, branches: 2,
		registries: registryMix{60, 30},
		name: func(p place, _ int) (string, string) {
			return "Детско-юношеская спортивная школа «" + p.dyussh + "»", "ДЮСШ «" + p.dyussh + "»"
		},
		topics: []string{"chess", "football", "volleyball", "swimming", "sambo", "athletics", "basketball", "orienteering"}},
	{key: "turcentr", typ: "Учреждение дополнительного образования", programs: 9, branches: 1,
		registries: registryMix{55, 35},
		name: func(p place, _ int) (string, string) {
			return "Центр детского туризма и краеведения «" + p.turizm + "»", "ЦДТК «" + p.turizm + "»"
		},
		topics: []string{"hiking", "orienteering", "local-history", "museum", "ecology", "biology"}},
	{key: "dshi", typ: "Учреждение дополнительного образования", programs: 12, cityOnly: true,
		registries: registryMix{40, 40},
		name: func(_ place, n int) (string, string) {
			return fmt.Sprintf("Детская школа искусств № %d", n), fmt.Sprintf("ДШИ № %d", n)
		},
		topics: []string{"drawing", "painting", "ceramics", "vocal", "choir", "guitar", "theatre", "dance"}},
	{key: "school", typ: "Общеобразовательная школа", programs: 9,
		registries: registryMix{70, 20},
		name: func(_ place, n int) (string, string) {
			return fmt.Sprintf("Средняя общеобразовательная школа № %d", n), fmt.Sprintf("СОШ № %d", n)
		},
		topics: []string{"ecology", "biology", "chemistry", "astronomy", "local-history", "museum", "volunteers",
			"journalism", "leadership", "finance", "english", "football", "volleyball", "basketball", "chess",
			"theatre", "choir", "school-prep", "speed-reading"}},
}

// private is a non-public provider: a company or an entrepreneur.
type private struct {
	key, code, name, typ string
	owner                string // the entrepreneur or the company's short name
	topics               []string
	programs             int
}

var privates = []private{
	{"studio-akvarel", "01", "Студия рисования «Акварель»", "Индивидуальный предприниматель", "ИП Смирнова Е. В.",
		[]string{"drawing", "painting", "ceramics", "origami"}, 5},
	{"roboschool", "01", "Робототехническая школа «Кванторик»", "Частная организация", "ООО «Кванторик»",
		[]string{"robotics", "python", "modeling3d", "electronics"}, 6},
	{"lingva", "01", "Языковой центр «Лингва»", "Частная организация", "ООО «Лингва»",
		[]string{"english", "speed-reading", "school-prep", "mental-math"}, 6},
	{"chess-club", "02", "Шахматный клуб «Ладья»", "Частная организация", "АНО «Шахматный клуб «Ладья»»",
		[]string{"chess", "checkers"}, 4},
	{"dance-studio", "02", "Студия танца «Грация»", "Индивидуальный предприниматель", "ИП Лебедева А. С.",
		[]string{"dance", "theatre", "vocal"}, 5},
	{"aqua-delfin", "03", "Плавательный клуб «Дельфин»", "Индивидуальный предприниматель", "ИП Морозов Д. А.",
		[]string{"swimming"}, 3},
	{"terrakota", "06", "Гончарная мастерская «Терракота»", "Индивидуальный предприниматель", "ИП Ковалёва Н. И.",
		[]string{"ceramics", "drawing"}, 3},
}

var officeHours = []string{"Пн–Пт 09:00–18:00, перерыв 13:00–14:00", "Пн–Чт 09:00–17:00, Пт 09:00–16:00",
	"Пн, Ср, Пт 09:00–17:00; Вт, Чт 11:00–19:00", "Пн–Пт 08:30–17:30, Сб 10:00–14:00"}

var openingHours = []string{"Пн–Сб 09:00–20:00", "Пн–Пт 08:00–20:00, Сб 09:00–16:00", "Пн–Вс 08:00–20:00",
	"Пн–Пт 10:00–20:00, Сб 10:00–15:00"}

var positions = []string{"заместитель директора по учебно-воспитательной работе", "методист",
	"специалист по работе с сертификатами", "педагог-организатор", "секретарь учебной части"}

// organizations lists every municipality's public organizations, then the
// private providers.
func (g *gen) organizations() []Organization {
	var out []Organization
	inns := map[string]bool{}
	school, dshi := 1, 1
	for _, p := range places {
		for _, k := range kinds {
			if k.cityOnly && !p.city {
				continue
			}
			count := 1
			if k.key == "school" && p.city {
				count = 2
			}
			for i := range count {
				n := 0
				switch k.key {
				case "school":
					n, school = school, school+2+g.intn(8)
				case "dshi":
					n, dshi = dshi, dshi+1
				}
				full, short := k.name(p, n)
				key := k.key + "-" + p.Code
				if count > 1 {
					key = fmt.Sprintf("%s-%d", key, i+1)
				}
				if key == "ddt-01" {
					key = "ddt-central"
				}
				o := g.organization(key, p, full, short, k.typ, inns, false)
				o.Branches = g.branches(p, o.Address, g.intn(k.branches+1))
				// Offices: every house of creativity and a city's first school.
				o.IsCertificateOffice = k.office || (k.key == "school" && p.city && i == 0)
				out = append(out, o)
			}
		}
	}
	for _, pr := range privates {
		p := placeOf(pr.code)
		entrepreneur := pr.typ == "Индивидуальный предприниматель"
		out = append(out, g.organization(pr.key, p, pr.name, pr.owner, pr.typ, inns, entrepreneur))
	}
	for i := range out {
		o := &out[i]
		if o.Key == "ddt-central" {
			// Seed documents use these contacts.
			o.Email, o.Phone = "uchrejdienieDOD@example.ru", "+71111111111"
			g.phones[o.Phone] = true
		}
		if o.IsCertificateOffice {
			o.Schedule = officeHours[g.intn(len(officeHours))]
			o.Responsible = g.responsible(o.Key, 1+g.intn(2))
		}
	}
	return out
}

func (g *gen) organization(key string, p place, name, short, typ string, inns map[string]bool, entrepreneur bool) Organization {
	inn := g.inn("55", entrepreneur)
	for inns[inn] {
		inn = g.inn("55", entrepreneur)
	}
	inns[inn] = true
	return Organization{
		Key: key, MunicipalityCode: p.Code, Name: name, ShortName: short, Type: typ, INN: inn,
		Address:    g.address(p),
		Phone:      g.landline(p.areaCode),
		Email:      key + "@example.ru",
		Website:    "https://" + key + ".example.ru",
		Schedule:   g.pick(openingHours),
		IsProvider: true,
	}
}

// address returns a street address in the municipality's seat.
func (g *gen) address(p place) string {
	return fmt.Sprintf("%s, %s, д. %d", p.seat, g.pick(streets), 1+g.intn(120))
}

// branches returns n other addresses in the seat.
func (g *gen) branches(p place, main string, n int) []string {
	var out []string
	for len(out) < n {
		a := g.address(p)
		if a != main && !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// responsible returns n contact persons of a certificate office.
func (g *gen) responsible(key string, n int) []Person {
	out := make([]Person, n)
	start := g.intn(len(positions))
	for i := range out {
		p := g.adult(g.chance(80))
		email := fmt.Sprintf("%s.%s@example.ru", translit(p.last), key)
		if i > 0 && email == out[0].Email {
			email = fmt.Sprintf("%s%d.%s@example.ru", translit(p.last), i+1, key)
		}
		out[i] = Person{FullName: p.full(), Position: positions[(start+i)%len(positions)], Phone: g.mobile(), Email: email}
	}
	return out
}
