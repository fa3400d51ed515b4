package demo

// place is a municipality of the demo region with what its organizations
// are named after: the town where they stand, the telephone area code,
// and the names of its house of creativity, station of young technicians,
// sports school and tourist centre.
type place struct {
	Municipality
	seat, areaCode            string
	ddt, syut, dyussh, turizm string
	city                      bool // a city has a school of arts and two schools
}

// places are the demo region's cities and districts. г. Блестящий comes
// first: seed documents name it, and it is the largest.
var places = []place{
	{Municipality{Code: "01", Name: "г. Блестящий", FinancingNominal: 2_500_000, FinancingQuota: 4000, BudgetLimit: 3, ChildrenTotal: 21400},
		"г. Блестящий", "3812", "Центральный", "Импульс", "Олимп", "Азимут", true},
	{Municipality{Code: "02", Name: "г. Заречный", FinancingNominal: 2_200_000, FinancingQuota: 2500, BudgetLimit: 3, ChildrenTotal: 14300},
		"г. Заречный", "38133", "Радуга", "Поиск", "Старт", "Меридиан", true},
	{Municipality{Code: "03", Name: "г. Светлогорск", FinancingNominal: 2_000_000, FinancingQuota: 1800, BudgetLimit: 2, ChildrenTotal: 9800},
		"г. Светлогорск", "38134", "Солнечный", "Эврика", "Чемпион", "Компас", true},
	{Municipality{Code: "04", Name: "Азовский район", FinancingNominal: 1_800_000, FinancingQuota: 900, BudgetLimit: 2, ChildrenTotal: 5200},
		"с. Азово", "38141", "Истоки", "Изобретатель", "Атлант", "Тропа", false},
	{Municipality{Code: "05", Name: "Берёзовский район", FinancingNominal: 1_800_000, FinancingQuota: 800, BudgetLimit: 2, ChildrenTotal: 4700},
		"с. Берёзовка", "38142", "Берёзка", "Кулибин", "Факел", "Горизонт", false},
	{Municipality{Code: "06", Name: "Калачинский район", FinancingNominal: 1_700_000, FinancingQuota: 700, BudgetLimit: 2, ChildrenTotal: 4100},
		"г. Калачинск", "38155", "Юность", "Орбита", "Лидер", "Следопыт", false},
	{Municipality{Code: "07", Name: "Тарский район", FinancingNominal: 1_600_000, FinancingQuota: 650, BudgetLimit: 2, ChildrenTotal: 3900, Social: true, SocialHours: 7200},
		"г. Тара", "38171", "Прометей", "Спутник", "Вымпел", "Маршрут", false},
	{Municipality{Code: "08", Name: "Луговской район", FinancingNominal: 1_500_000, FinancingQuota: 500, BudgetLimit: 2, ChildrenTotal: 3100},
		"с. Луговое", "38165", "Родничок", "Вектор", "Рекорд", "Иртыш", false},
	{Municipality{Code: "09", Name: "Исилькульский район", FinancingNominal: 1_500_000, FinancingQuota: 550, BudgetLimit: 2, ChildrenTotal: 3300},
		"г. Исилькуль", "38173", "Созвездие", "Конструктор", "Сибиряк", "Пилигрим", false},
}

// municipalities are the places as the region lists them.
func municipalities() []Municipality {
	out := make([]Municipality, len(places))
	for i, p := range places {
		out[i] = p.Municipality
	}
	return out
}

// placeOf finds a municipality's place by its code.
func placeOf(code string) place {
	for _, p := range places {
		if p.Code == code {
			return p
		}
	}
	panic("demo: no municipality " + code)
}

var streets = []string{"ул. Ленина", "ул. Гагарина", "ул. Советская", "ул. Мира", "ул. Школьная", "ул. Победы",
	"ул. Молодёжная", "ул. Садовая", "пр. Комсомольский", "ул. Пушкина", "ул. Лермонтова", "ул. Строителей",
	"ул. Набережная", "ул. Октябрьская", "ул. Первомайская", "ул. Заводская", "ул. Чкалова", "ул. Северная"}
