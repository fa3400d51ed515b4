package navigator

import (
	"encoding/json"
	"testing"
)

func TestHours(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    Hours
		str, ru string
	}{
		{"72", 7200, "72", "72\u00a0ч"},
		{"1,5", 150, "1.5", "1,5\u00a0ч"},
		{"0.75", 75, "0.75", "0,75\u00a0ч"},
		{"1 200", 120000, "1200", "1\u00a0200\u00a0ч"},
		{"36.10", 3610, "36.1", "36,1\u00a0ч"},
	} {
		h, err := ParseHours(c.in)
		if err != nil || h != c.want || h.String() != c.str || h.Russian() != c.ru {
			t.Errorf("%q: %d %q %q %v; want %d %q %q", c.in, h, h.String(), h.Russian(), err, c.want, c.str, c.ru)
		}
	}
	for _, bad := range []string{"", "-1", "1.234", "abc", ".5", "1.", "+3"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	var h Hours
	if err := json.Unmarshal([]byte(`72`), &h); err != nil || h != 7200 {
		t.Errorf("a JSON number: %d %v", h, err)
	}
	if err := json.Unmarshal([]byte(`"8.5"`), &h); err != nil || h != 850 {
		t.Errorf("a JSON string: %d %v", h, err)
	}
	if b, _ := json.Marshal(Hours(7250)); string(b) != `"72.5"` {
		t.Errorf("marshal: %s", b)
	}
	if got := WholeHours(8).Cost(Rubles(150)); got != Rubles(1200) {
		t.Errorf("8 h at 150 ₽: %v", got)
	}
	if got := Hours(150).Cost(Money(33333)); got != Money(49999) {
		t.Errorf("1.5 h at 333.33 ₽ rounds down to the kopeck: %v", got)
	}
}

func TestAgeHours(t *testing.T) {
	ranges := []AgeHours{{5, 9, WholeHours(72)}, {10, 17, WholeHours(108)}}
	for _, c := range []struct {
		age  int
		want Hours
	}{{5, WholeHours(72)}, {9, WholeHours(72)}, {10, WholeHours(108)}, {17, WholeHours(108)}, {18, WholeHours(36)}} {
		if got := HoursForAge(ranges, c.age, WholeHours(36)); got != c.want {
			t.Errorf("age %d: %v, want %v", c.age, got, c.want)
		}
	}
	if err := ValidateAgeHours(ranges); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]AgeHours{{{4, 9, 100}}, {{9, 7, 100}}, {{5, 9, -1}}, {{5, 10, 100}, {10, 12, 100}}} {
		if ValidateAgeHours(bad) == nil {
			t.Errorf("%v passes", bad)
		}
	}
}
