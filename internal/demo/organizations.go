package demo

import "fmt"

// seats are the towns where each municipality's organizations stand.
var seats = map[string]string{
	"01": "г. Блестящий", "02": "г. Заречный", "03": "г. Светлогорск", "04": "р.п. Азово",
	"05": "с. Берёзовка", "06": "г. Калачинск", "07": "г. Тара", "08": "с. Луговое", "09": "г. Исилькуль",
}

var streets = []string{"ул. Ленина", "ул. Гагарина", "ул. Советская", "ул. Мира", "ул. Школьная", "ул. Победы",
	"ул. Молодёжная", "ул. Садовая", "пр. Комсомольский", "ул. Пушкина", "ул. Лермонтова", "ул. Строителей"}

// nicknames name the municipal houses of creativity.
var nicknames = map[string]string{
	"01": "Центральный", "02": "Радуга", "03": "Солнечный", "04": "Истоки", "05": "Берёзка",
	"06": "Юность", "07": "Прометей", "08": "Родничок", "09": "Созвездие",
}

// orgKind is a kind of organization with the directions it teaches.
type orgKind struct {
	key, typ   string
	name       func(code string, n int) (full, short string)
	directions []string
	office     bool
	programs   int
}

var orgKinds = []orgKind{
	{key: "ddt", typ: "Учреждение дополнительного образования",
		name: func(code string, _ int) (string, string) {
			return "Дом детского творчества «" + nicknames[code] + "»", "ДДТ «" + nicknames[code] + "»"
		},
		directions: []string{"art", "social", "science", "other", "technical"}, office: true, programs: 18},
	{key: "syut", typ: "Учреждение дополнительного образования",
		name: func(code string, _ int) (string, string) {
			return "Станция юных техников " + seats[code], "СЮТ"
		},
		directions: []string{"technical", "science"}, programs: 13},
	{key: "dyussh", typ: "Спортивная школа",
		name: func(code string, _ int) (string, string) {
			return "Детско-юношеская спортивная школа " + seats[code], "ДЮСШ"
		},
		directions: []string{"sport", "tourism"}, programs: 12},
	{key: "school", typ: "Общеобразовательная школа",
		name: func(code string, n int) (string, string) {
			return fmt.Sprintf("Средняя общеобразовательная школа № %d", n), fmt.Sprintf("СОШ № %d", n)
		},
		directions: []string{"social", "science", "tourism", "sport", "other", "art"}, programs: 11},
	{key: "dshi", typ: "Учреждение дополнительного образования",
		name: func(code string, _ int) (string, string) {
			return "Центр детского туризма и краеведения " + seats[code], "ЦДТиК"
		},
		directions: []string{"tourism", "social", "science"}, programs: 10},
}

// privates are the non-public providers of г. Блестящий and г. Заречный.
// Each teaches only the topics whose first title it names.
var privates = []struct {
	key, code, name, typ string
	topics               []string
}{
	{"studio-akvarel", "01", "Студия рисования «Акварель»", "Индивидуальный предприниматель", []string{"Рисование: первые шаги", "Керамика и лепка", "Оригами"}},
	{"roboschool", "01", "Робототехническая школа «Кванторик»", "Частная организация", []string{"Робототехника", "Программирование на Python", "3D-моделирование", "Радиоэлектроника"}},
	{"lingva", "01", "Языковой центр «Лингва»", "Частная организация", []string{"Английский язык", "Скорочтение", "Подготовка к школе"}},
	{"chess-club", "02", "Шахматный клуб «Ладья»", "Частная организация", []string{"Шахматы для начинающих", "Шашки для малышей"}},
	{"dance-studio", "02", "Студия танца «Грация»", "Индивидуальный предприниматель", []string{"Хореография", "Театральная студия", "Вокал"}},
}

// orgPlan is what an organization teaches: directions, or for a private
// studio its own topics, and how many programs it runs.
type orgPlan struct {
	directions []string
	topics     []string
	programs   int
}

func (g *gen) organizations(ms []Municipality) []Organization {
	var out []Organization
	school := 1
	for _, m := range ms {
		for _, k := range orgKinds {
			full, short := k.name(m.Code, school)
			key := fmt.Sprintf("%s-%s", k.key, m.Code)
			if k.key == "school" {
				school += 3 + g.intn(9)
			}
			if m.Code == "01" && k.key == "ddt" {
				key = "ddt-central"
			}
			o := g.organization(key, m.Code, full, short, k.typ)
			o.IsCertificateOffice = k.office || (k.key == "school" && m.Code <= "03")
			out = append(out, o)
		}
	}
	for _, p := range privates {
		o := g.organization(p.key, p.code, p.name, "", p.typ)
		if p.typ == "Индивидуальный предприниматель" {
			o.INN = g.digits(12)
		}
		out = append(out, o)
	}
	for i := range out {
		o := &out[i]
		if o.Key == "ddt-central" {
			o.Email, o.Phone = "uchrejdienieDOD@example.ru", "+71111111111"
		}
		if o.IsCertificateOffice {
			o.Schedule = g.pick([]string{"Пн–Пт 09:00–18:00, перерыв 13:00–14:00", "Пн–Чт 09:00–17:00, Пт 09:00–16:00",
				"Вт, Чт 10:00–19:00; Сб 10:00–14:00", "Пн–Пт 08:30–17:30"})
			o.Responsible = g.responsible(o.Key, 1+g.intn(2))
		}
	}
	return out
}

func (g *gen) organization(key, code, name, short, typ string) Organization {
	return Organization{
		Key: key, MunicipalityCode: code, Name: name, ShortName: short, Type: typ, INN: g.digits(10),
		Address:    fmt.Sprintf("%s, %s, д. %d", seats[code], g.pick(streets), 1+g.intn(120)),
		Phone:      g.phone(),
		Email:      key + "@example.ru",
		Website:    "https://" + key + ".example.ru",
		Schedule:   "Пн–Сб 09:00–20:00",
		IsProvider: true,
	}
}

var positions = []string{"заместитель директора", "методист", "педагог-организатор", "секретарь"}

func (g *gen) responsible(key string, n int) []Person {
	out := make([]Person, n)
	for i := range out {
		p := g.person(g.chance(70))
		out[i] = Person{FullName: p.full(), Position: positions[(i+g.intn(2))%len(positions)], Phone: g.phone(),
			Email: fmt.Sprintf("%s.%d@example.ru", key, i+1)}
	}
	return out
}

// plan says which directions an organization teaches and how many
// programs it runs.
func plan(o Organization) orgPlan {
	for _, p := range privates {
		if p.key == o.Key {
			return orgPlan{topics: p.topics, programs: 6}
		}
	}
	for _, k := range orgKinds {
		if len(o.Key) > len(k.key) && o.Key[:len(k.key)+1] == k.key+"-" {
			return orgPlan{directions: k.directions, programs: k.programs}
		}
	}
	return orgPlan{directions: []string{"other"}, programs: 5}
}
