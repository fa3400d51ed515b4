// Package demo generates the demo region: municipalities, organizations,
// certificate offices, programs with groups, families with children and
// certificates, and staff accounts. It is pure data and deterministic: the
// same call always returns the same region.
package demo

// Region is everything the demo puts into an empty database.
type Region struct {
	Code           string // "55": 2 digits
	Name           string // "Омская область"
	Municipalities []Municipality
	Organizations  []Organization
	Programs       []Program
	Families       []Family
	Staff          []StaffAccount
}

// Municipality is a district or city with its settings for the period.
type Municipality struct {
	Code             string // 2 digits, unique
	Name             string // "г. Блестящий", "Азовский район"
	FinancingNominal int64  // kopecks: the period's nominal of a financing certificate
	FinancingQuota   int    // financing certificates the period allows
	BudgetLimit      int    // budget programs per accounting certificate at most
	ChildrenTotal    int    // children aged 5–18 living there, for coverage reports
	// Social: the municipality works by the social certificate of 189-ФЗ
	// this period, SocialHours (hundredths of an hour) a certificate.
	Social      bool
	SocialHours int64
}

// Person is a responsible person of a certificate office.
type Person struct{ FullName, Position, Phone, Email string }

// Organization is a provider, a certificate office, or both.
type Organization struct {
	Key                            string // stable and unique: "ddt-central"
	MunicipalityCode               string
	Name, ShortName                string
	Type                           string // "Учреждение дополнительного образования", "Частная организация"…
	INN                            string // 10 digits, 12 for an entrepreneur, valid control digits
	Address, Phone, Email, Website string
	Schedule                       string // office or opening hours in Russian
	IsProvider                     bool
	IsCertificateOffice            bool
	Responsible                    []Person // non-empty for certificate offices
	Branches                       []string // other addresses where its programs are taught
}

// Program is a published program with its modules.
type Program struct {
	OrganizationKey string
	Title           string
	Description     string // 2–4 Russian sentences naming the subject
	Direction       string // social, science, art, sport, tourism, technical, other
	Registry        string // certified, budget, paid
	AgeFrom, AgeTo  int    // 5…18
	FormOfStudy     string // full_time, part_time, distance
	OVZ             bool   // suits children with disabilities
	Address         string // the organization's address or one of its branches
	Modules         []Module
}

// Module is a program's year or a shorter course.
type Module struct {
	Name                     string // "1-й год обучения"
	Hours                    int    // academic hours in all
	Months                   int
	PricePerMonth            int64 // kopecks; 0 for budget programs
	NormativeCost            int64 // kopecks a month the certificate pays at most; certified programs only
	MinChildren, MaxChildren int
	Groups                   []Group
}

// Group is a module's class.
type Group struct {
	Name             string // "Группа 1", unique within the program
	Capacity         int    // 10…30
	StartsOn, EndsOn string // "YYYY-MM-DD" within 2026-09-01…2027-05-31
	Accepting        bool
	Teacher          string // «Фамилия Имя Отчество»
	Schedule         []ScheduleRow
}

// ScheduleRow is one weekly lesson.
type ScheduleRow struct {
	Weekday       int    // 1 — понедельник … 7 — воскресенье
	Start, End    string // "HH:MM", between 08:00 and 20:00
	Room, Address string
}

// Family is a parent's account with children.
type Family struct {
	MunicipalityCode                string
	LastName, FirstName, Patronymic string // the parent
	Phone                           string // "+7XXXXXXXXXX"
	Email                           string // lower case, unique, on example.ru/.com/.org
	ResidentRF                      bool
	Children                        []Child
}

// Child is a child of a demo family.
type Child struct {
	LastName, FirstName, Patronymic string
	BirthDate                       string // "YYYY-MM-DD": 5…17 years old on 2026-11-24
	Sex                             string // "male", "female"
	SNILS                           string // 11 digits with a valid control number, or ""
	Confirmed                       bool   // an office confirmed the child's data
	CertificateType                 string // "", "unconfirmed", "accounting", "financing"
	CertificateOfficeKey            string // the office that confirmed the child, in the family's municipality; "" if none
}

// StaffAccount is a demo staff account; its password is printed in demo
// mode only.
type StaffAccount struct {
	Email            string
	FullName         string
	Role             string // regional_admin, municipal_admin, operator, provider
	OrganizationKey  string // an operator's certificate office, a provider's organization
	MunicipalityCode string // a municipal admin's municipality
	Password         string
	// TOTPSecret is the account's second factor, base32: fixed for the
	// demo so that /demo/codes and the tests can make its codes.
	TOTPSecret string
}

// Seeds of each part's generator.
const (
	seedOrganizations = 20260901 + iota
	seedPrograms
	seedFamilies
)

// Generate returns the demo region. The same call always returns the same
// data: every choice comes from seeded generators, and nothing depends on
// the clock or on the order of a map.
func Generate() *Region {
	phones := map[string]bool{}
	r := &Region{Code: "55", Name: "Омская область", Municipalities: municipalities(), Staff: staff()}
	r.Organizations = newGen(seedOrganizations, phones).organizations()
	r.Programs = newGen(seedPrograms, phones).programs(r.Organizations)
	r.Families = newGen(seedFamilies, phones).families(r.Organizations)
	return r
}
