package navigator

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestHoursByYear(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     map[int]Hours
	}{
		{"2026-09-01", "2027-05-31", map[int]Hours{2026: 4 * 800, 2027: 5 * 800}},
		{"2026-09-15", "2026-09-20", map[int]Hours{2026: 800}},
		{"2026-01-01", "2028-01-31", map[int]Hours{2026: 12 * 800, 2027: 12 * 800, 2028: 800}},
		{"2026-05-01", "2026-04-01", map[int]Hours{}},
	} {
		got := HoursByYear(mustDate(c.from), mustDate(c.to), 800)
		if len(got) != len(c.want) {
			t.Errorf("%s..%s: %v, want %v", c.from, c.to, got, c.want)
		}
		for y, h := range c.want {
			if got[y] != h {
				t.Errorf("%s..%s: %d holds %v, want %v", c.from, c.to, y, got[y], h)
			}
		}
	}
}

func TestSocialOrderValidate(t *testing.T) {
	today := mustDate("2026-12-07")
	good := SocialOrderLine{Direction: "art", Method: MethodCertificate, Hours: WholeHours(1000), Children: 20, HourCost: Rubles(150)}
	for _, c := range []struct {
		name  string
		order SocialOrder
		field string // "" : valid
	}{
		{"valid", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{good}}, ""},
		{"assignment needs no cost", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{{Direction: "sport", Method: MethodAssignment, Hours: 100, Children: 1}}}, ""},
		{"year far ahead", SocialOrder{Year: 2040, Regime: RegimeSocial}, "year"},
		{"no regime", SocialOrder{Year: 2027}, "regime"},
		{"unknown direction", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{{Direction: "magic", Method: MethodCertificate}}}, "directions[0].direction"},
		{"twice", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{good, good}}, "directions[1].direction"},
		{"no method", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{{Direction: "art", Hours: 1}}}, "directions[0].method"},
		{"negative", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{{Direction: "art", Method: MethodCertificate, Hours: -1, HourCost: 1}}}, "directions[0].hours"},
		{"no cost", SocialOrder{Year: 2027, Regime: RegimeSocial, Directions: []SocialOrderLine{{Direction: "art", Method: MethodCertificate, Hours: 100}}}, "directions[0].hour_cost"},
	} {
		err := c.order.Validate(today)
		var e *Error
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.field != "" && (err == nil || !asErr(err, &e) || !hasField(e, c.field)):
			t.Errorf("%s: %v, want an error on %s", c.name, err, c.field)
		}
	}
}

func hasField(e *Error, name string) bool {
	for _, f := range e.Fields {
		if f.Field == name && f.Message != "" {
			return true
		}
	}
	return false
}

func TestSocialTerms(t *testing.T) {
	in := TermsInput{Today: mustDate("2026-09-01"), GroupStarts: mustDate("2026-09-01"), GroupEnds: mustDate("2027-05-31"),
		Price: Rubles(2000), Normative: Rubles(1800), CertificatePays: true, Social: true,
		ModuleHours: 72, ModuleMonths: 9, HourCost: Rubles(150), HoursBalance: WholeHours(72)}
	terms, err := ContractTerms(in)
	if err != nil {
		t.Fatal(err)
	}
	// 8 hours a month at 150 ₽ = 1200 ₽; the family pays 800 ₽ of 2000.
	if terms.Unit != UnitHour || terms.HoursMonthly != WholeHours(8) || terms.CertificateMonthly != Rubles(1200) || terms.FamilyMonthly != Rubles(800) {
		t.Fatalf("terms %+v", terms)
	}
	if terms.ReservedHours() != WholeHours(72) || terms.Reserved() != 0 {
		t.Fatalf("reserves %v h and %v", terms.ReservedHours(), terms.Reserved())
	}
	// 36 hours left: 4 hours a month for 9 months.
	in.HoursBalance = WholeHours(36)
	if terms, _ = ContractTerms(in); terms.HoursMonthly != WholeHours(4) || terms.FamilyMonthly != Rubles(1400) {
		t.Fatalf("half the hours: %+v", terms)
	}
	// A cheap program: the certificate pays no more than the price.
	in.HoursBalance, in.Price = WholeHours(72), Rubles(500)
	if terms, _ = ContractTerms(in); terms.CertificateMonthly != Rubles(500) || terms.FamilyMonthly != 0 {
		t.Fatalf("cheap program: %+v", terms)
	}
	in.HoursBalance = 0
	if _, err := ContractTerms(in); ErrorCode(err) != "balance" {
		t.Fatalf("no hours left: %v", err)
	}
}

func TestSocialCertificateJSON(t *testing.T) {
	c := Certificate{Number: "4201000001", Type: CertificateFinancing, Unit: UnitHour, HoursNominal: WholeHours(72), HoursBalance: WholeHours(64), HoursReserve: WholeHours(8), Reserve: Rubles(100)}
	b, _ := json.Marshal(c)
	for _, want := range []string{`"unit":"hour"`, `"nominal":"72"`, `"balance":"64"`, `"reserve":"8"`, `"rub_reserve":"100.00"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
	c = Certificate{Unit: UnitRub, Nominal: Rubles(25000)}
	if b, _ = json.Marshal(c); !strings.Contains(string(b), `"nominal":"25000.00"`) {
		t.Errorf("a rouble certificate: %s", b)
	}
}

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
