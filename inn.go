package navigator

// ValidINN checks an INN by its control digits: ten digits for a legal
// entity, twelve for an individual entrepreneur (the public algorithm of
// the tax service).
func ValidINN(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	digit := func(weights []int) byte {
		sum := 0
		for i, w := range weights {
			sum += int(s[i]-'0') * w
		}
		return byte('0' + sum%11%10)
	}
	switch len(s) {
	case 10:
		return s[9] == digit([]int{2, 4, 10, 3, 5, 9, 4, 6, 8})
	case 12:
		return s[10] == digit([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) && s[11] == digit([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8})
	}
	return false
}
