package demo

// OrderLine is a direction of a demo municipality's social order for a
// calendar year: person-hours and children (hours in hundredths), how
// executors are chosen, and the normative cost of an hour in kopecks.
type OrderLine struct {
	Year      int
	Direction string
	Method    string // "certificate" or "assignment"
	Hours     int64
	Children  int
	HourCost  int64
}

// SocialOrder is the order of a municipality that works by the social
// certificate, for the two calendar years of the demo period (September
// to December, then January to August): sport is given by the
// municipality's assignment to its sports school, the rest by
// certificate, each for about a tenth of the municipality's children at
// 72 hours a year.
func SocialOrder(m Municipality) []OrderLine {
	if !m.Social {
		return nil
	}
	costs := []struct {
		direction string
		cost      int64
	}{{"social", 14000}, {"science", 17000}, {"art", 15000}, {"sport", 0}, {"tourism", 16000}, {"technical", 18000}, {"other", 13000}}
	children := m.ChildrenTotal / 10 / len(costs)
	var out []OrderLine
	for _, y := range []struct {
		year   int
		months int64
	}{{2026, 4}, {2027, 8}} {
		for _, c := range costs {
			method := "certificate"
			if c.direction == "sport" {
				method = "assignment"
			}
			out = append(out, OrderLine{Year: y.year, Direction: c.direction, Method: method,
				Hours: int64(children) * 800 * y.months, Children: children, HourCost: c.cost})
		}
	}
	return out
}
