package navigator

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
)

// russianOnly reports whether an error a person reads is Russian text
// and carries no Go error text.
func russianOnly(msg string) bool {
	return strings.IndexFunc(msg, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 &&
		!strings.Contains(msg, "strconv") && !strings.Contains(msg, "parsing time") && !strings.Contains(msg, "json:")
}

// FuzzMoney: an accepted amount prints back to itself, survives JSON, and
// a refusal is a Russian sentence.
func FuzzMoney(f *testing.F) {
	for _, s := range []string{"25000", "25000.5", "25 000,00", "-1.00", "0.001", "1e3", "+5", "99999999999999999999", " ", "1.-5", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if !russianOnly(ErrorMessage(err)) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		back, err := ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("%q → %d → %q → %d %v", s, m, m.String(), back, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var j Money
		if err := json.Unmarshal(b, &j); err != nil || j != m {
			t.Fatalf("JSON %s → %d %v, want %d", b, j, err, m)
		}
	})
}

// FuzzHours: hours typed in forms and sent to the API parse back to
// themselves through their text and JSON, or are refused in Russian.
func FuzzHours(f *testing.F) {
	for _, s := range []string{"72", "1,5", "1 200", "0.75", "-1", "0.001", "1e3", "+5", "99999999999999999999", " ", "1.", ".5", "36.10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseHours(s)
		if err != nil {
			if !russianOnly(ErrorMessage(err)) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		back, err := ParseHours(m.String())
		if err != nil || back != m {
			t.Fatalf("%q → %d → %q → %d %v", s, m, m.String(), back, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var j Hours
		if err := json.Unmarshal(b, &j); err != nil || j != m {
			t.Fatalf("JSON %s → %d %v, want %d", b, j, err, m)
		}
	})
}

// FuzzDate: an accepted date prints back to itself in both forms and
// survives JSON; a refusal is a Russian sentence.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"2016-04-12", "12.04.2016", "2016-02-30", "31.12.9999", "0000-01-01", "2016-4-12", "12/04/2016", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !russianOnly(ErrorMessage(err)) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		for _, form := range []string{d.String(), d.Russian()} {
			if e, err := ParseDate(form); err != nil || e != d {
				t.Fatalf("%q → %v → %q → %v %v", s, d, form, e, err)
			}
		}
		b, err := json.Marshal(d)
		if err != nil {
			return // a year JSON cannot carry is refused on the way out
		}
		var j Date
		if err := json.Unmarshal(b, &j); err != nil || j != d {
			t.Fatalf("JSON %s → %v %v, want %v", b, j, err, d)
		}
	})
}

// FuzzDocument: accepted series and number normalize to themselves, and a
// refusal names a field in Russian.
func FuzzDocument(f *testing.F) {
	for _, s := range [][3]string{{"birth_certificate", "iv mю", "№ 123 456"}, {"passport", "45 12", "654 321"}, {"foreign", "AB", "12345"},
		{"birth_certificate", "XIV-АБ", "000001"}, {"passport", "4512", "65432"}, {"other", "", ""}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, kind, series, number string) {
		ns, nn, err := NormalizeDocument(DocumentType(kind), series, number)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Fields) == 0 && !russianOnly(e.Message) {
				t.Fatalf("%q %q %q: %v", kind, series, number, err)
			}
			for _, fe := range e.Fields {
				if !russianOnly(fe.Message) {
					t.Fatalf("%q %q %q: %v", kind, series, number, fe)
				}
			}
			return
		}
		s2, n2, err := NormalizeDocument(DocumentType(kind), ns, nn)
		if err != nil || s2 != ns || n2 != nn {
			t.Fatalf("not idempotent: %q %q → %q %q → %q %q %v", series, number, ns, nn, s2, n2, err)
		}
	})
}
