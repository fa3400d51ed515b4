package navigator

// Direction is a программа's направленность.
type Direction struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Directions are the seven directions in the order of the portal's menu.
var Directions = []Direction{
	{"social", "Социально-педагогическая"},
	{"science", "Естественно-научная"},
	{"art", "Художественная"},
	{"sport", "Физкультурно-спортивная"},
	{"tourism", "Туристско-краеведческая"},
	{"technical", "Техническая"},
	{"other", "Другая"},
}

// ValidDirection reports whether code names one of the seven directions.
func ValidDirection(code string) bool {
	for _, d := range Directions {
		if d.Code == code {
			return true
		}
	}
	return false
}

// DirectionName is the Russian name of a direction's code («Другая» for
// an unknown one).
func DirectionName(code string) string {
	for _, d := range Directions {
		if d.Code == code {
			return d.Name
		}
	}
	return "Другая"
}

// Registry says which money pays for a program.
type Registry string

// Registries.
const (
	RegistryCertified Registry = "certified" // financing certificates
	RegistryBudget    Registry = "budget"    // муниципальное задание
	RegistryPaid      Registry = "paid"      // the family
)

// Valid reports whether r is a known registry.
func (r Registry) Valid() bool {
	return r == RegistryCertified || r == RegistryBudget || r == RegistryPaid
}

// Title is the Russian name of the registry.
func (r Registry) Title() string {
	switch r {
	case RegistryCertified:
		return "Сертифицированные программы"
	case RegistryBudget:
		return "Бюджетные программы"
	case RegistryPaid:
		return "Платные программы"
	}
	return string(r)
}

// FormOfStudy is how a program is taught.
type FormOfStudy string

// Forms of study.
const (
	FormFullTime FormOfStudy = "full_time"
	FormPartTime FormOfStudy = "part_time"
	FormDistance FormOfStudy = "distance"
)

// Valid reports whether f is a known form of study.
func (f FormOfStudy) Valid() bool {
	return f == FormFullTime || f == FormPartTime || f == FormDistance
}

// Title is the Russian name of the form of study.
func (f FormOfStudy) Title() string {
	switch f {
	case FormFullTime:
		return "Очная"
	case FormPartTime:
		return "Очно-заочная"
	case FormDistance:
		return "Дистанционная"
	}
	return string(f)
}
