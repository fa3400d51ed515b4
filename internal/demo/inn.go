package demo

import "fmt"

// INN weights of the public algorithm: ten digits for a legal entity,
// twelve for an individual entrepreneur.
var (
	innWeights10 = []int{2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights11 = []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
	innWeights12 = []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
)

// innDigit is the control digit of the given digits with the weights.
func innDigit(digits string, weights []int) byte {
	sum := 0
	for i, w := range weights {
		sum += int(digits[i]-'0') * w
	}
	return byte('0' + sum%11%10)
}

// inn returns a valid INN registered in the region's tax office: ten
// digits for an organization, twelve for an entrepreneur.
func (g *gen) inn(regionCode string, entrepreneur bool) string {
	office := fmt.Sprintf("%s%02d", regionCode, g.between(1, 9))
	if entrepreneur {
		s := office + fmt.Sprintf("%06d", g.intn(1_000_000))
		s += string(innDigit(s, innWeights11))
		return s + string(innDigit(s, innWeights12))
	}
	s := office + fmt.Sprintf("%05d", g.intn(100_000))
	return s + string(innDigit(s, innWeights10))
}
