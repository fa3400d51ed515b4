package demo

import "fmt"

// SNILSChecksum returns the two control digits of the nine-digit number
// of a СНИЛС by the public algorithm: the digits weighted 9…1 and summed;
// a sum below 100 is the control number, 100 and 101 give 00, a larger
// sum is taken modulo 101, with 100 again giving 00.
func SNILSChecksum(nine string) string {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(nine[i]-'0') * (9 - i)
	}
	switch {
	case sum < 100:
	case sum == 100 || sum == 101:
		sum = 0
	default:
		sum %= 101
		if sum == 100 {
			sum = 0
		}
	}
	return fmt.Sprintf("%02d", sum)
}

// snils returns an unused valid СНИЛС. Numbers up to 001-001-998 were
// issued without a control number; the demo's start at 200-000-000, above
// those and apart from the numbers other tests type in (112-233-445 95).
func (g *gen) snils() string {
	for {
		nine := fmt.Sprintf("%09d", 200_000_000+g.intn(800_000_000))
		s := nine + SNILSChecksum(nine)
		if !g.snilss[s] {
			g.snilss[s] = true
			return s
		}
	}
}
