package navigator

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in kopecks. It is written as a decimal string of rubles
// with two decimals, "25000.00", and never passes through a float.
type Money int64

// Rubles returns m for whole rubles.
func Rubles(r int64) Money { return Money(r * 100) }

// String formats m as "25000.00".
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Russian formats m for people: «25 000,00 ₽».
func (m Money) Russian() string { return m.Amount() + "\u00a0₽" }

// Amount formats m for people without the currency: «25 000,00», for
// papers whose font has no ₽.
func (m Money) Amount() string {
	s := m.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "−", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	return sign + groupThousands(whole) + "," + frac
}

// groupThousands writes the digits of a whole number in groups of three
// parted by no-break spaces, as Russian texts do: «25 000».
func groupThousands(whole string) string {
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// errBadAmount is what a person reads about an amount that is not one; a
// new error each time, since callers may add a code to it.
func errBadAmount() *Error {
	return Errorf(KindInvalid, "Сумма записывается строкой с числом рублей и не больше двух знаков копеек, например «25000.00».")
}

// ParseMoney parses "25000", "25000.5", "25000.00" or "25 000,00".
func ParseMoney(s string) (Money, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, errBadAmount()
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && (frac == "" || len(frac) > 2)) {
		return 0, errBadAmount()
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, errBadAmount()
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || strings.ContainsAny(whole+frac, "+-") {
		return 0, errBadAmount()
	}
	v := Money(w*100 + f)
	if neg {
		v = -v
	}
	return v, nil
}

// MarshalJSON writes m as a string.
func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads a decimal string.
func (m *Money) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errBadAmount()
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Min returns the least of the amounts.
func Min(a Money, rest ...Money) Money {
	for _, b := range rest {
		if b < a {
			a = b
		}
	}
	return a
}
