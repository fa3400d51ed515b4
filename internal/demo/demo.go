// Package demo generates the demo region: municipalities, organizations,
// certificate offices, programs with groups, families with children and
// certificates, and staff accounts. It is pure data and deterministic: the
// same call always returns the same region.
package demo

// Region is everything the demo puts into an empty database.
type Region struct {
	Code           string // 2 digits
	Name           string
	Municipalities []Municipality
	Organizations  []Organization
	Programs       []Program
	Families       []Family
	Staff          []StaffAccount
}

// Municipality is a district or city with its settings for the period.
type Municipality struct {
	Code             string
	Name             string
	FinancingNominal int64 // kopecks
	FinancingQuota   int
	BudgetLimit      int
	ChildrenTotal    int
}

// Person is a responsible person of an organization.
type Person struct{ FullName, Position, Phone, Email string }

// Organization is a provider, a certificate office, or both.
type Organization struct {
	Key                            string
	MunicipalityCode               string
	Name, ShortName, Type, INN     string
	Address, Phone, Email, Website string
	Schedule                       string
	IsProvider                     bool
	IsCertificateOffice            bool
	Responsible                    []Person
}

// Program is a published program with its modules.
type Program struct {
	OrganizationKey string
	Title           string
	Description     string
	Direction       string // social, science, art, sport, tourism, technical, other
	Registry        string // certified, budget, paid
	AgeFrom, AgeTo  int
	FormOfStudy     string // full_time, part_time, distance
	OVZ             bool
	Address         string
	Modules         []Module
}

// Module is a program's year.
type Module struct {
	Name                     string
	Hours, Months            int
	PricePerMonth            int64 // kopecks
	NormativeCost            int64 // kopecks
	MinChildren, MaxChildren int
	Groups                   []Group
}

// Group is a module's class.
type Group struct {
	Name             string
	Capacity         int
	StartsOn, EndsOn string
	Accepting        bool
	Teacher          string
	Schedule         []ScheduleRow
}

// ScheduleRow is one weekly lesson.
type ScheduleRow struct {
	Weekday       int
	Start, End    string
	Room, Address string
}

// Family is a parent's account with children.
type Family struct {
	MunicipalityCode                string
	LastName, FirstName, Patronymic string
	Phone, Email                    string
	ResidentRF                      bool
	Children                        []Child
}

// Child is a child of a demo family.
type Child struct {
	LastName, FirstName, Patronymic string
	BirthDate                       string
	Sex                             string
	SNILS                           string
	Confirmed                       bool
	CertificateType                 string
	CertificateOfficeKey            string
}

// StaffAccount is a demo staff account; its password is printed in demo
// mode only.
type StaffAccount struct {
	Email, FullName, Role string
	OrganizationKey       string
	MunicipalityCode      string
	Password              string
}

// Generate returns the demo region.
func Generate() *Region {
	g := newGen(20260901)
	r := &Region{Code: "55", Name: "Омская область"}
	r.Municipalities = municipalities()
	r.Organizations = g.organizations(r.Municipalities)
	r.Programs = g.programs(r.Organizations)
	r.Families = g.families(r.Municipalities, r.Organizations)
	r.Staff = staff()
	return r
}
