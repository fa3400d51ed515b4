package demo

import (
	"fmt"
	"strings"
)

// plan is what a provider teaches: its topics, how many programs it runs
// and how they are paid for.
type plan struct {
	topics   []string
	programs int
	mix      registryMix
	private  bool
}

// planOf finds the plan of an organization by its key.
func planOf(o Organization) plan {
	for _, p := range privates {
		if p.key == o.Key {
			return plan{topics: p.topics, programs: p.programs, mix: registryMix{0, 50}, private: true}
		}
	}
	for _, k := range kinds {
		if strings.HasPrefix(o.Key, k.key+"-") {
			pl := plan{topics: k.topics, programs: k.programs, mix: k.registries}
			if o.Key == "ddt-central" {
				pl.programs += 4 // г. Блестящий is the largest
			}
			return pl
		}
	}
	panic("demo: no plan for " + o.Key)
}

// Usual monthly prices in rubles and group sizes of each direction.
var (
	priceRange = map[string][2]int{"art": {1500, 4500}, "sport": {1200, 3500}, "technical": {2500, 6500},
		"science": {1500, 4000}, "tourism": {1000, 3000}, "social": {1500, 5000}, "other": {1500, 4000}}
	capacityRange = map[string][2]int{"art": {10, 15}, "sport": {12, 25}, "technical": {10, 12},
		"science": {10, 15}, "tourism": {10, 20}, "social": {10, 20}, "other": {10, 15}}
)

// levels tell apart programs of one topic and title in one organization,
// which the tables are meant never to need.
var levels = []string{"углублённый курс", "продвинутый уровень", "проектная мастерская"}

// pinned are the registries of ДДТ «Центральный»'s first programs: the
// demo always has each kind of program for a ten-year-old in г. Блестящий.
var pinned = []string{"certified", "budget", "paid"}

const pinnedAge = 10

// programs gives every provider its programs.
func (g *gen) programs(orgs []Organization) []Program {
	var out []Program
	for _, o := range orgs {
		if !o.IsProvider {
			continue
		}
		pl := planOf(o)
		order := g.topicOrder(pl.topics, o.Key == "ddt-central")
		used := map[string]bool{}
		teachers := map[string]string{} // by topic: one teacher leads a topic
		for i := range pl.programs {
			t := topicByKey(order[i%len(order)])
			registry := g.registry(pl.mix)
			pin := o.Key == "ddt-central" && i < len(pinned)
			if pin {
				registry = pinned[i]
			}
			if teachers[t.key] == "" {
				teachers[t.key] = g.adult(g.chance(75)).full()
			}
			p := g.program(o, t, g.title(t, used), registry, pl.private, teachers[t.key], pin)
			out = append(out, p)
		}
	}
	return out
}

// topicOrder shuffles an organization's topics; with pin, the ones that
// suit a ten-year-old come first.
func (g *gen) topicOrder(keys []string, pin bool) []string {
	order := make([]string, len(keys))
	for i, j := range g.r.Perm(len(keys)) {
		order[i] = keys[j]
	}
	if pin {
		n := 0
		for i, k := range order {
			if t := topicByKey(k); t.ageFrom+1 <= pinnedAge && t.ageTo-2 >= pinnedAge && n < len(pinned) {
				order[n], order[i] = order[i], order[n]
				n++
			}
		}
	}
	return order
}

// title picks a title of the topic the organization has not used yet.
func (g *gen) title(t *topic, used map[string]bool) string {
	start := g.intn(len(t.titles))
	for i := range t.titles {
		if title := t.titles[(start+i)%len(t.titles)]; !used[title] {
			used[title] = true
			return title
		}
	}
	for n := 0; ; n++ {
		title := t.titles[start] + ": " + levels[n%len(levels)]
		if n >= len(levels) {
			title = fmt.Sprintf("%s: %s, группа %d", t.titles[start], levels[n%len(levels)], n/len(levels)+1)
		}
		if !used[title] {
			used[title] = true
			return title
		}
	}
}

func (g *gen) registry(mix registryMix) string {
	switch n := g.intn(100); {
	case n < mix.budget:
		return "budget"
	case n < mix.budget+mix.certified:
		return "certified"
	}
	return "paid"
}

func (g *gen) program(o Organization, t *topic, title, registry string, private bool, teacher string, pin bool) Program {
	from, to := t.ageFrom, t.ageTo
	if to-from > 3 {
		from += g.intn(2)
		to = min(t.ageTo, max(to-g.intn(3), from+2))
	}
	p := Program{OrganizationKey: o.Key, Title: title, Direction: t.direction, Registry: registry,
		AgeFrom: from, AgeTo: to, FormOfStudy: "full_time", Address: o.Address}
	switch {
	case t.distance && g.chance(20):
		p.FormOfStudy = "distance"
	case g.chance(10):
		p.FormOfStudy = "part_time"
	}
	ovz := 22
	if t.direction == "sport" {
		ovz = 12
	}
	p.OVZ = g.chance(ovz)
	if len(o.Branches) > 0 && p.FormOfStudy != "distance" && g.chance(35) {
		p.Address = o.Branches[g.intn(len(o.Branches))]
	}
	p.Description = g.description(t, p)
	room := g.pick(t.rooms)
	if p.FormOfStudy == "distance" {
		room = "онлайн, платформа «Сферум»"
	}
	price, normative := g.prices(t.direction, registry, private)
	modules := 1
	switch n := g.intn(100); {
	case n < 10 && !pin:
		modules = 0 // a short course: one module of four months
	case n < 55:
	case n < 88:
		modules = 2
	default:
		modules = 3
	}
	c := groupPlan{room: room, address: p.Address, teacher: teacher, preschool: p.AgeTo <= 7, pin: pin,
		capacity: t.capacity}
	if c.capacity == [2]int{} {
		c.capacity = capacityRange[t.direction]
	}
	if modules == 0 {
		p.Modules = []Module{g.module(shortCourse[g.intn(2)], price, normative, c)}
		return p
	}
	for year := range modules {
		// Each further year costs a tenth more.
		up := func(x int64) int64 { return min(x+x*int64(year)/10/5000*5000, 800_000) }
		s := season{name: fmt.Sprintf("%d-й год обучения", year+1), months: 9, weeks: 36,
			from: day(2026, 9, 1), fromDays: 10, to: day(2027, 5, 31)}
		p.Modules = append(p.Modules, g.module(s, up(price), up(normative), c))
		c.pin = false
		c.first += len(p.Modules[year].Groups)
	}
	return p
}

// description is two to four sentences: what the subject is, what the
// children do, what comes of it, and at most one note on the form, the
// children with disabilities or the ages.
func (g *gen) description(t *topic, p Program) string {
	s := []string{g.pick(t.intro), g.pick(t.body), g.pick(t.outcome)}
	if g.chance(15) {
		s = s[:2] // a short one
	}
	switch {
	case p.FormOfStudy == "distance":
		s = append(s, "Занятия проходят дистанционно: ребёнку нужен компьютер с камерой и микрофоном.")
	case p.FormOfStudy == "part_time":
		s = append(s, "Часть занятий проходит дистанционно, на платформе «Сферум».")
	case p.OVZ:
		s = append(s, "Программа адаптирована для детей с ограниченными возможностями здоровья.")
	case g.chance(50):
		s = append(s, fmt.Sprintf("Принимаем детей от %d до %d лет.", p.AgeFrom, p.AgeTo))
	}
	return strings.Join(s, " ")
}

// prices returns the monthly price and normative cost of the first year
// in kopecks: nothing for budget programs; the family's price of a paid
// one; for a certified one also the normative cost the certificate pays,
// sometimes below the price (the family pays the difference) and
// sometimes above.
func (g *gen) prices(direction, registry string, private bool) (price, normative int64) {
	if registry == "budget" {
		return 0, 0
	}
	r := priceRange[direction]
	rub := g.between(r[0]/50, r[1]/50) * 50
	if private {
		rub = min(rub*13/10/50*50, 8000)
	}
	price = int64(rub) * 100
	if registry == "certified" {
		normative = max(int64(rub*g.between(75, 125)/100/10*10)*100, 100_000)
	}
	return price, normative
}
