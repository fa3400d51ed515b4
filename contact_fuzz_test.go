package navigator

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzPhone: an accepted phone is "+7" and ten digits and normalizes to
// itself.
func FuzzPhone(f *testing.F) {
	for _, s := range []string{"+7 (912) 345-67-89", "89123456789", "9123456789", "+9123456789", "+7 912 345 67 89 0", "8-912-345-67-89", "тел. 89123456789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := NormalizePhone(s)
		if !ok {
			if p != "" {
				t.Fatalf("%q refused but gave %q", s, p)
			}
			return
		}
		if len(p) != 12 || !strings.HasPrefix(p, "+7") || strings.Trim(p[2:], "0123456789") != "" {
			t.Fatalf("%q → %q", s, p)
		}
		if q, ok := NormalizePhone(p); !ok || q != p {
			t.Fatalf("not idempotent: %q → %q → %q %v", s, p, q, ok)
		}
	})
}

// FuzzEmail: an accepted address is lower-case, trimmed, one '@' with a
// dot in the domain, without spaces or control characters, and normalizes
// to itself.
func FuzzEmail(f *testing.F) {
	for _, s := range []string{"Ivanova@Example.RU", " a@b.ru ", "a@b", "a b@c.ru", "<a@b.ru>", "\"a\"@b.ru", "a@@b.ru", "a@b.ru\n", "ё@пример.рф"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, ok := NormalizeEmail(s)
		if !ok {
			return
		}
		if e != strings.ToLower(e) || e != strings.TrimSpace(e) || strings.Count(e, "@") != 1 || len(e) > 254 {
			t.Fatalf("%q → %q", s, e)
		}
		if !strings.Contains(e[strings.LastIndex(e, "@")+1:], ".") {
			t.Fatalf("%q → %q: no dot in the domain", s, e)
		}
		if strings.IndexFunc(e, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
			t.Fatalf("%q → %q: space or control character", s, e)
		}
		if again, ok := NormalizeEmail(e); !ok || again != e {
			t.Fatalf("not idempotent: %q → %q → %q", s, e, again)
		}
	})
}

// FuzzINN: an accepted INN is 10 or 12 digits whose control digits hold,
// recomputed here.
func FuzzINN(f *testing.F) {
	for _, s := range []string{"7707083893", "500100732259", "7707083894", "77070838930", "", "770708389a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidINN(s) {
			return
		}
		if (len(s) != 10 && len(s) != 12) || strings.Trim(s, "0123456789") != "" {
			t.Fatalf("accepted %q", s)
		}
		check := func(w []int) byte {
			sum := 0
			for i, x := range w {
				sum += int(s[i]-'0') * x
			}
			return byte('0' + sum%11%10)
		}
		w10 := []int{2, 4, 10, 3, 5, 9, 4, 6, 8}
		w11 := []int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
		w12 := []int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}
		if len(s) == 10 && s[9] != check(w10) || len(s) == 12 && (s[10] != check(w11) || s[11] != check(w12)) {
			t.Fatalf("accepted %q with wrong control digits", s)
		}
	})
}

// FuzzCertificateNumber: an accepted number is ten ASCII digits.
func FuzzCertificateNumber(f *testing.F) {
	for _, s := range []string{"5400000001", "540000000", "54000000011", "54000000O1", "٥٤٠٠٠٠٠٠٠١"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidCertificateNumber(s) && (len(s) != 10 || strings.Trim(s, "0123456789") != "") {
			t.Fatalf("accepted %q", s)
		}
	})
}
