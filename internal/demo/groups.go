package demo

import (
	"fmt"
	"time"
)

// season is when a module's groups study: the school year or half of it.
type season struct {
	name          string
	months, weeks int
	from          time.Time // groups start within fromDays of it
	fromDays      int
	to            time.Time // groups end within a week before it
}

// shortCourse are the seasons of a four-month course.
var shortCourse = [2]season{
	{name: "Осенний модуль", months: 4, weeks: 16, from: day(2026, 9, 1), fromDays: 10, to: day(2026, 12, 27)},
	{name: "Весенний модуль", months: 4, weeks: 16, from: day(2027, 2, 1), fromDays: 7, to: day(2027, 5, 31)},
}

// groupPlan is what a program's groups share.
type groupPlan struct {
	room, address, teacher string
	preschool              bool
	pin                    bool // the first group accepts applications
	capacity               [2]int
	first                  int // how many groups the earlier modules have
}

// Weekdays that go together for one, two or three lessons a week.
var weekPatterns = [][][]int{
	{{1}, {2}, {3}, {4}, {5}, {6}},
	{{1, 3}, {2, 4}, {3, 5}, {1, 4}, {2, 5}, {4, 6}, {2, 6}},
	{{1, 3, 5}, {2, 4, 6}},
}

var (
	schoolStarts   = []string{"14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00"}
	preschoolStart = []string{"09:30", "10:00", "16:00", "16:30", "17:00"}
	weekendStarts  = []string{"10:00", "11:00", "12:00", "13:00"}
)

// module returns a module with one to three groups.
func (g *gen) module(s season, price, normative int64, c groupPlan) Module {
	lessons := 2
	switch n := g.intn(100); {
	case n < 25:
		lessons = 1
	case n >= 80 && !c.preschool:
		lessons = 3
	}
	academic := 1 // academic hours a lesson
	if !c.preschool && g.chance(60) {
		academic = 2
	}
	m := Module{Name: s.name, Hours: lessons * academic * s.weeks, Months: s.months,
		PricePerMonth: price, NormativeCost: normative,
		MinChildren: g.between(5, 8), MaxChildren: c.capacity[1]}
	groups := 1
	switch n := g.intn(100); {
	case n >= 90:
		groups = 3
	case n >= 55:
		groups = 2
	}
	for i := range groups {
		m.Groups = append(m.Groups, Group{
			Name:      fmt.Sprintf("Группа %d", c.first+i+1),
			Capacity:  g.between(c.capacity[0], c.capacity[1]),
			StartsOn:  date(s.from.AddDate(0, 0, g.intn(s.fromDays))),
			EndsOn:    date(s.to.AddDate(0, 0, -g.intn(7))),
			Accepting: (c.pin && i == 0) || g.chance(88),
			Teacher:   c.teacher,
			Schedule:  g.schedule(lessons, academic, c),
		})
	}
	return m
}

// schedule returns a group's weekly lessons: the same hour on weekdays,
// the morning on a weekend.
func (g *gen) schedule(lessons, academic int, c groupPlan) []ScheduleRow {
	days := weekPatterns[lessons-1][g.intn(len(weekPatterns[lessons-1]))]
	if lessons == 1 && g.chance(5) {
		days = []int{7}
	}
	minutes := 45*academic + 10*(academic-1) // a ten-minute break between the hours
	if c.preschool {
		minutes = 30
	}
	weekday := g.pick(schoolStarts)
	if c.preschool {
		weekday = g.pick(preschoolStart)
	}
	weekend := g.pick(weekendStarts)
	rows := make([]ScheduleRow, len(days))
	for i, d := range days {
		start := weekday
		if d >= 6 {
			start = weekend
		}
		rows[i] = ScheduleRow{Weekday: d, Start: start, End: plusMinutes(start, minutes), Room: c.room, Address: c.address}
	}
	return rows
}

// plusMinutes adds minutes to "HH:MM".
func plusMinutes(hm string, minutes int) string {
	t, err := time.Parse("15:04", hm)
	if err != nil {
		panic("demo: bad time " + hm)
	}
	return t.Add(time.Duration(minutes) * time.Minute).Format("15:04")
}
