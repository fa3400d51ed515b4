package demo

import (
	"fmt"
	"strings"
)

// programs gives every provider its programs, chosen from the topics of
// the directions it teaches.
func (g *gen) programs(orgs []Organization) []Program {
	byDirection := map[string][]topic{}
	for _, t := range topics {
		byDirection[t.direction] = append(byDirection[t.direction], t)
	}
	var out []Program
	for _, o := range orgs {
		if !o.IsProvider {
			continue
		}
		pl := plan(o)
		used := map[string]bool{}
		private := strings.HasPrefix(o.Type, "Частная") || strings.HasPrefix(o.Type, "Индивидуальный")
		for i := 0; i < pl.programs; i++ {
			var t topic
			if len(pl.topics) > 0 {
				t = topicTitled(pl.topics[i%len(pl.topics)])
			} else {
				dir := pl.directions[i%len(pl.directions)]
				t = byDirection[dir][g.intn(len(byDirection[dir]))]
			}
			title := g.title(t, used)
			out = append(out, g.program(o, t, title, private))
		}
	}
	return out
}

// topicTitled finds a topic by its first title.
func topicTitled(title string) topic {
	for _, t := range topics {
		if t.titles[0] == title {
			return t
		}
	}
	panic("demo: no topic " + title)
}

// title picks a title of the topic not yet used by the organization.
func (g *gen) title(t topic, used map[string]bool) string {
	start := g.intn(len(t.titles))
	for i := range t.titles {
		if title := t.titles[(start+i)%len(t.titles)]; !used[title] {
			used[title] = true
			return title
		}
	}
	for _, level := range []string{"продвинутый уровень", "углублённый курс", "группа выходного дня", "летняя программа", "проектная мастерская"} {
		title := t.titles[start] + ": " + level
		if !used[title] {
			used[title] = true
			return title
		}
	}
	title := fmt.Sprintf("%s (%d)", t.titles[start], len(used))
	used[title] = true
	return title
}

func (g *gen) registry(private bool) string {
	n := g.intn(100)
	switch {
	case private && n < 50:
		return "paid"
	case private:
		return "certified"
	case n < 45:
		return "budget"
	case n < 85:
		return "certified"
	}
	return "paid"
}

func (g *gen) program(o Organization, t topic, title string, private bool) Program {
	ageFrom := t.ageFrom + g.intn(2)
	ageTo := max(ageFrom+2, t.ageTo-g.intn(3))
	ageTo = min(ageTo, 18)
	p := Program{
		OrganizationKey: o.Key, Title: title, Direction: t.direction, Registry: g.registry(private),
		AgeFrom: ageFrom, AgeTo: ageTo, FormOfStudy: "full_time", OVZ: g.chance(20), Address: o.Address,
	}
	switch n := g.intn(100); {
	case n < 8 && (t.direction == "technical" || t.direction == "social" || t.direction == "other"):
		p.FormOfStudy = "distance"
	case n < 18:
		p.FormOfStudy = "part_time"
	}
	p.Description = strings.Join(t.description, " ") + fmt.Sprintf(" Программа для детей от %d до %d лет.", ageFrom, ageTo)
	price, normative := g.prices(p.Registry)
	for m := 0; m < 1+g.intn(3); m++ {
		p.Modules = append(p.Modules, g.module(m, t, o, price, normative))
	}
	return p
}

// prices returns the monthly price and normative cost in kopecks.
func (g *gen) prices(registry string) (price, normative int64) {
	switch registry {
	case "budget":
		return 0, 0
	case "paid":
		return int64(g.between(20, 160)) * 50 * 100, 0
	}
	price = int64(g.between(30, 120)) * 50 * 100
	// The normative cost is sometimes below the price: the family pays the
	// difference.
	normative = price * int64(g.between(70, 130)) / 100 / 5000 * 5000
	return price, max(normative, 100_000)
}

var starts = []string{"08:30", "09:00", "10:00", "11:00", "14:00", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00", "18:30"}

func (g *gen) module(year int, t topic, o Organization, price, normative int64) Module {
	m := Module{
		Name:  fmt.Sprintf("%d-й год обучения", year+1),
		Hours: []int{72, 108, 144, 216}[g.intn(4)], Months: 9,
		PricePerMonth: price, NormativeCost: normative,
		MinChildren: g.between(5, 8), MaxChildren: g.between(15, 30),
	}
	for i := 0; i < 1+g.intn(2); i++ {
		teacher := g.person(g.chance(65))
		gr := Group{
			Name:      fmt.Sprintf("Группа %d-%d", year+1, i+1),
			Capacity:  g.between(10, m.MaxChildren),
			StartsOn:  fmt.Sprintf("2026-09-%02d", 1+g.intn(14)),
			EndsOn:    "2027-05-31",
			Accepting: g.chance(92),
			Teacher:   teacher.last + " " + string([]rune(teacher.first)[0]) + ". " + string([]rune(teacher.patronymic)[0]) + ".",
		}
		days := g.r.Perm(6)
		for d := 0; d < 1+g.intn(3); d++ {
			start := g.pick(starts)
			gr.Schedule = append(gr.Schedule, ScheduleRow{Weekday: days[d] + 1, Start: start, End: plusMinutes(start, []int{45, 90, 120}[g.intn(3)]),
				Room: t.room, Address: o.Address})
		}
		m.Groups = append(m.Groups, gr)
	}
	return m
}

// plusMinutes adds minutes to "HH:MM".
func plusMinutes(hm string, minutes int) string {
	var h, m int
	fmt.Sscanf(hm, "%d:%d", &h, &m)
	t := h*60 + m + minutes
	return fmt.Sprintf("%02d:%02d", t/60, t%60)
}
