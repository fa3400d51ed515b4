package navigator

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Hours is a volume of service in hundredths of an hour: a social
// certificate's nominal, a contract's hours, an order's person-hours. It
// is written as a decimal string with no needless zeros, "72" or "1.5",
// and, like Money, never passes through a float.
type Hours int64

// WholeHours returns n whole hours.
func WholeHours(n int64) Hours { return Hours(n * 100) }

// String formats h as "72", "1.5" or "0.75".
func (h Hours) String() string {
	sign := ""
	v := int64(h)
	if v < 0 {
		sign, v = "-", -v
	}
	s := sign + strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		s += strings.TrimRight("."+strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s
}

// Russian formats h for people: «72 ч», «1,5 ч», «1 200 ч».
func (h Hours) Russian() string { return h.Amount() + "\u00a0ч" }

// Amount is h for people without the unit: «1 200», «1,5».
func (h Hours) Amount() string {
	s := h.String()
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "−", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if hasFrac {
		frac = "," + frac
	}
	return sign + groupThousands(whole) + frac
}

// Cost is the money equivalent of h at a cost per hour, rounded down to
// the kopeck.
func (h Hours) Cost(perHour Money) Money { return Money(int64(h) * int64(perHour) / 100) }

// errBadHours is what a person reads about hours that are not a number.
func errBadHours() *Error {
	return Errorf(KindInvalid, "Часы записываются числом, не больше двух знаков после запятой, например «72» или «1,5».")
}

// ParseHours parses "72", "1.5", "1,5" or "1 200".
func ParseHours(s string) (Hours, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(s))
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || (hasFrac && (frac == "" || len(frac) > 2)) || strings.ContainsAny(s, "+-") {
		return 0, errBadHours()
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e9 {
		return 0, errBadHours()
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, errBadHours()
	}
	return Hours(w*100 + f), nil
}

// MarshalJSON writes h as a string.
func (h Hours) MarshalJSON() ([]byte, error) { return json.Marshal(h.String()) }

// UnmarshalJSON reads a decimal string (or a plain number of hours).
func (h *Hours) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n json.Number
		if json.Unmarshal(b, &n) != nil {
			return errBadHours()
		}
		s = n.String()
	}
	v, err := ParseHours(s)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// MinHours returns the least of the volumes.
func MinHours(a Hours, rest ...Hours) Hours {
	for _, b := range rest {
		if b < a {
			a = b
		}
	}
	return a
}

// AgeHours is a social certificate's volume for children of an age range,
// both ends included.
type AgeHours struct {
	AgeFrom int   `json:"age_from"`
	AgeTo   int   `json:"age_to"`
	Hours   Hours `json:"hours"`
}

// HoursForAge is the volume of a child of age: the range's that holds it,
// else def.
func HoursForAge(ranges []AgeHours, age int, def Hours) Hours {
	for _, r := range ranges {
		if age >= r.AgeFrom && age <= r.AgeTo {
			return r.Hours
		}
	}
	return def
}

// ValidateAgeHours checks a municipality's volumes by age: ages 5 to 18,
// ranges that do not overlap, hours up to 2000 a period.
func ValidateAgeHours(ranges []AgeHours) error {
	var f Fields
	for i, r := range ranges {
		at := func(field string) string { return "social_hours_by_age[" + strconv.Itoa(i) + "]." + field }
		switch {
		case r.AgeFrom < 5 || r.AgeFrom > 18 || r.AgeTo < 5 || r.AgeTo > 18:
			f.Add(at("age_from"), "range", "Возраст — от 5 до 18 лет.")
		case r.AgeTo < r.AgeFrom:
			f.Add(at("age_to"), "range", "Возраст «по» меньше возраста «с».")
		}
		if r.Hours < 0 || r.Hours > WholeHours(2000) {
			f.Add(at("hours"), "range", "Объём — от 0 до 2 000 часов в год.")
		}
		for j := range i {
			if o := ranges[j]; r.AgeFrom <= o.AgeTo && o.AgeFrom <= r.AgeTo {
				f.Add(at("age_from"), "overlap", "Возрастные группы пересекаются: у каждого возраста — один объём.")
				break
			}
		}
	}
	return f.Err()
}
