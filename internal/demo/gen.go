package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// gen is the seeded source of the demo's choices. Each part of the region
// has its own gen, so that changing one part leaves the others as they were.
type gen struct {
	r      *rand.Rand
	phones map[string]bool // numbers already given out, shared by all parts
	snilss map[string]bool // СНИЛС already given out
}

func newGen(seed uint64, phones map[string]bool) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), phones: phones, snilss: map[string]bool{}}
}

func (g *gen) intn(n int) int { return g.r.IntN(n) }

// between returns a number in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

// mobile returns an unused mobile number "+79XXXXXXXXX".
func (g *gen) mobile() string { return g.unusedPhone("9") }

// landline returns an unused number of a municipality's exchange: "+7"
// and the area code, then the subscriber's digits up to ten in all.
func (g *gen) landline(areaCode string) string { return g.unusedPhone(areaCode) }

func (g *gen) unusedPhone(prefix string) string {
	for {
		n := 10 - len(prefix)
		p := "+7" + prefix + fmt.Sprintf("%0*d", n, g.r.IntN(pow10(n)))
		// The subscriber's number does not start with 0 or 1.
		if p[2+len(prefix)] < '2' || g.phones[p] {
			continue
		}
		g.phones[p] = true
		return p
	}
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// date formats a day as "YYYY-MM-DD".
func date(t time.Time) string { return t.Format(time.DateOnly) }

// day returns the date of the given year, month and day.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
