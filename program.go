package navigator

import "time"

// ProgramStatus is where a program is in its life.
type ProgramStatus string

// Program statuses.
const (
	ProgramDraft     ProgramStatus = "draft"
	ProgramPublished ProgramStatus = "published"
	ProgramArchived  ProgramStatus = "archived"
)

// Program is a supplementary general-development program.
type Program struct {
	ID             int64         `json:"id"`
	Title          string        `json:"title"`
	Description    string        `json:"description"`
	Direction      string        `json:"direction"`
	OrganizationID int64         `json:"organization_id"`
	Organization   string        `json:"organization"`
	MunicipalityID int64         `json:"municipality_id"`
	Municipality   string        `json:"municipality"` // the town, as the card shows it
	AgeFrom        int           `json:"age_from"`
	AgeTo          int           `json:"age_to"`
	Registry       Registry      `json:"registry"`
	FormOfStudy    FormOfStudy   `json:"form_of_study"`
	OVZ            bool          `json:"ovz"`
	Address        string        `json:"address"`
	Status         ProgramStatus `json:"status"`
	PricePerMonth  Money         `json:"price_per_month"` // the lowest of its modules
	NormativeCost  Money         `json:"normative_cost"`  // the lowest of its modules
	SeatsLeft      int           `json:"seats_left"`
	Months         int           `json:"months"`     // the whole course: its modules' months
	TotalCost      Money         `json:"total_cost"` // the whole course: each module's months at its price
	Modules        []Module      `json:"modules,omitempty"`
	Groups         []Group       `json:"groups,omitempty"`
	UpdatedAt      time.Time     `json:"updated_at"`
}

// Free reports whether the family pays nothing.
func (p *Program) Free() bool { return p.PricePerMonth == 0 }

// Module is a program's year with its price and size.
type Module struct {
	ID            int64  `json:"id"`
	ProgramID     int64  `json:"program_id"`
	Name          string `json:"name"`
	Hours         int    `json:"hours"`
	Months        int    `json:"months"`
	PricePerMonth Money  `json:"price_per_month"`
	NormativeCost Money  `json:"normative_cost"`
	MinChildren   int    `json:"min_children"`
	MaxChildren   int    `json:"max_children"`
}

// Group is a module's class.
type Group struct {
	ID        int64         `json:"id"`
	ModuleID  int64         `json:"module_id"`
	ProgramID int64         `json:"program_id"`
	Name      string        `json:"name"`
	Capacity  int           `json:"capacity"`
	SeatsLeft int           `json:"seats_left"`
	Accepting bool          `json:"accepting"`
	StartsOn  Date          `json:"starts_on"`
	EndsOn    Date          `json:"ends_on"`
	Teacher   string        `json:"teacher,omitempty"`
	Schedule  []ScheduleRow `json:"schedule"`
	Module    string        `json:"module"`
	Price     Money         `json:"price_per_month"`
}

// TakesApplications reports whether the group takes applications on the
// day: it accepts them and its classes have not ended.
func (g Group) TakesApplications(today Date) bool { return g.Accepting && !g.EndsOn.Before(today) }

// ScheduleRow is one weekly lesson of a group.
type ScheduleRow struct {
	Weekday int    `json:"weekday"` // 1 — понедельник … 7 — воскресенье
	Start   string `json:"start"`   // "HH:MM"
	End     string `json:"end"`
	Room    string `json:"room,omitempty"`
	Address string `json:"address,omitempty"`
}

// WeekdayNames are the Russian short names of weekdays 1…7.
var WeekdayNames = [8]string{"", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"}

// ProgramSort orders a program list.
type ProgramSort string

// Program list orders.
const (
	SortRelevance ProgramSort = "relevance" // the best match first; newest without a query
	SortTitle     ProgramSort = "title"
	SortPriceAsc  ProgramSort = "price"
	SortNewest    ProgramSort = "new"
)

// ProgramFilter selects published programs for the catalog.
type ProgramFilter struct {
	Query          string // Russian full-text query
	Direction      string
	MunicipalityID int64
	Age            int // 0: any
	Registry       Registry
	Free           bool // only programs the family pays nothing for
	FormOfStudy    FormOfStudy
	OVZ            bool
	Sort           ProgramSort
	Page, PerPage  int
}

// Normalize applies defaults and bounds to paging.
func (f *ProgramFilter) Normalize() {
	p := PageOf(f.Page, f.PerPage, DefaultPerPage)
	f.Page, f.PerPage = p.Page, p.PerPage
	if f.Sort == "" {
		f.Sort = SortRelevance
	}
}

// Validate checks the filter's values.
func (f *ProgramFilter) Validate() error {
	var fe Fields
	if f.Direction != "" && !ValidDirection(f.Direction) {
		fe.Add("direction", "unknown", "Такой направленности нет.")
	}
	if f.Registry != "" && !f.Registry.Valid() {
		fe.Add("registry", "unknown", "Такого реестра нет.")
	}
	if f.FormOfStudy != "" && !f.FormOfStudy.Valid() {
		fe.Add("form_of_study", "unknown", "Такой формы обучения нет.")
	}
	if f.Age < 0 || f.Age > 18 {
		fe.Add("age", "range", "Возраст — от 0 до 18 лет.")
	}
	switch f.Sort {
	case SortRelevance, SortTitle, SortPriceAsc, SortNewest:
	default:
		fe.Add("sort", "unknown", "Такой сортировки нет.")
	}
	if len([]rune(f.Query)) > 200 {
		fe.Add("q", "too_long", "Запрос слишком длинный: не больше 200 символов.")
	}
	return fe.Err()
}

// ProgramPage is one page of a program list.
type ProgramPage struct {
	Items []Program `json:"items"`
	Total int       `json:"total"`
}
