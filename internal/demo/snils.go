package demo

import "fmt"

// SNILSChecksum returns the two control digits of a nine-digit СНИЛС by the
// public algorithm: weights 9…1; the sum below 100 is the control; 100 and
// 101 give 00; above, the sum modulo 101, with 100 giving 00.
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

// snils returns a valid СНИЛС above 001-001-998.
func (g *gen) snils() string {
	nine := fmt.Sprintf("%09d", 2_000_000+g.r.IntN(997_000_000))
	return nine + SNILSChecksum(nine)
}
