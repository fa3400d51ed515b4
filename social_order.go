package navigator

import (
	"fmt"
	"time"
)

// OrderMethod is how a direction's volume of the social order is given to
// executors (189-ФЗ, art. 9): by social certificate, the family choosing
// any executor of the registry, or by the municipality's assignment to its
// own institutions.
type OrderMethod string

// Methods of choosing executors.
const (
	MethodCertificate OrderMethod = "certificate"
	MethodAssignment  OrderMethod = "assignment"
)

// Title is the Russian name of the method.
func (m OrderMethod) Title() string {
	if m == MethodAssignment {
		return "Муниципальное задание"
	}
	return "Социальный сертификат"
}

// SocialOrder is a municipality's social order for a calendar year.
type SocialOrder struct {
	MunicipalityID int64             `json:"municipality_id"`
	Year           int               `json:"year"`
	Regime         Regime            `json:"regime"`
	Directions     []SocialOrderLine `json:"directions"`
	UpdatedAt      *time.Time        `json:"updated_at,omitempty"`
}

// SocialOrderLine is one direction of the order: the volume in
// person-hours and children, how executors are chosen, the normative cost
// of an hour, and what applications and contracts already hold.
type SocialOrderLine struct {
	Direction          string      `json:"direction"`
	Method             OrderMethod `json:"method"`
	Hours              Hours       `json:"hours"`
	Children           int         `json:"children"`
	HourCost           Money       `json:"hour_cost"`
	HoursContracted    Hours       `json:"hours_contracted"`
	ChildrenContracted int         `json:"children_contracted"`
}

// SocialOrderTotals sums an order's lines.
type SocialOrderTotals struct {
	Hours, HoursContracted       Hours
	Children, ChildrenContracted int
}

// Sum adds up the order's lines.
func (o *SocialOrder) Sum() SocialOrderTotals {
	var t SocialOrderTotals
	for _, l := range o.Directions {
		t.Hours += l.Hours
		t.HoursContracted += l.HoursContracted
		t.Children += l.Children
		t.ChildrenContracted += l.ChildrenContracted
	}
	return t
}

// HoursLeft is what the line has left for new applications.
func (l SocialOrderLine) HoursLeft() Hours { return max(l.Hours-l.HoursContracted, 0) }

// ChildrenLeft is how many more children the line takes.
func (l SocialOrderLine) ChildrenLeft() int { return max(l.Children-l.ChildrenContracted, 0) }

// Line returns the order's line of a direction.
func (o *SocialOrder) Line(direction string) (SocialOrderLine, bool) {
	for _, l := range o.Directions {
		if l.Direction == direction {
			return l, true
		}
	}
	return SocialOrderLine{}, false
}

// Validate checks an order as the municipal admin sends it: a year, a
// regime, each direction at most once with a method, volumes that are not
// negative and, for the certificate's directions, a cost of an hour.
func (o *SocialOrder) Validate(today Date) error {
	var f Fields
	if y := today.Time().Year(); o.Year < y-1 || o.Year > y+3 {
		f.Add("year", "range", fmt.Sprintf("Социальный заказ формируется на год с %d по %d.", y-1, y+3))
	}
	if !o.Regime.Valid() {
		f.Add("regime", "invalid", "Выберите режим: ПФДО или социальный сертификат.")
	}
	seen := map[string]bool{}
	for i, l := range o.Directions {
		at := func(field string) string { return fmt.Sprintf("directions[%d].%s", i, field) }
		name := DirectionName(l.Direction)
		switch {
		case !ValidDirection(l.Direction):
			f.Add(at("direction"), "invalid", "Неизвестная направленность.")
			continue
		case seen[l.Direction]:
			f.Add(at("direction"), "duplicate", fmt.Sprintf("Направленность «%s» указана дважды.", name))
			continue
		}
		seen[l.Direction] = true
		if l.Method != MethodCertificate && l.Method != MethodAssignment {
			f.Add(at("method"), "invalid", fmt.Sprintf("Выберите способ отбора исполнителей для направленности «%s».", name))
		}
		if l.Hours < 0 || l.Hours > WholeHours(100_000_000) {
			f.Add(at("hours"), "range", fmt.Sprintf("Объём по направленности «%s» — от 0 до 100 000 000 человеко-часов.", name))
		}
		if l.Children < 0 || l.Children > 10_000_000 {
			f.Add(at("children"), "range", fmt.Sprintf("Число детей по направленности «%s» — от 0 до 10 000 000.", name))
		}
		if l.Method == MethodCertificate && l.Hours > 0 && l.HourCost <= 0 {
			f.Add(at("hour_cost"), "required", fmt.Sprintf("Укажите нормативную стоимость часа по направленности «%s».", name))
		}
		if l.HourCost < 0 || l.HourCost > Rubles(100_000) {
			f.Add(at("hour_cost"), "range", fmt.Sprintf("Стоимость часа по направленности «%s» — от 0 до 100 000 ₽.", name))
		}
	}
	return f.Err()
}

// HoursByYear splits a contract's hours among the calendar years its
// months fall in: each month of from..to carries monthly hours. The social
// order is approved per year, so a contract from September to May holds
// four months of one year's volume and five of the next.
func HoursByYear(from, to Date, monthly Hours) map[int]Hours {
	out := map[int]Hours{}
	if to.Before(from) {
		return out
	}
	f, t := from.Time(), to.Time()
	for y, m := f.Year(), f.Month(); y < t.Year() || (y == t.Year() && m <= t.Month()); {
		out[y] += monthly
		if m++; m > 12 {
			m, y = 1, y+1
		}
	}
	return out
}
