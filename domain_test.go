package navigator

import (
	"encoding/json"
	"testing"
)

func TestValidateSNILS(t *testing.T) {
	for _, c := range []struct {
		in, code string
	}{
		{"112-233-445 95", ""},
		{"11223344595", ""},
		{"112-233-445 96", "checksum"},
		{"08765430300", ""},    // sum 100 → control 00
		{"001-001-997 00", ""}, // before the checksum era
		{"000-000-000 00", "never_issued"},
		{"00000000000", "never_issued"},
		{"111-111-111 45", "never_issued"}, // the checksum holds, the number was never issued
		{"999-999-999 00", "never_issued"},
		{"1122334459", "format"},
		{"1122334459a", "format"},
		{"", "format"},
	} {
		code, _ := ValidateSNILS(NormalizeSNILS(c.in))
		if code != c.code {
			t.Errorf("ValidateSNILS(%q) = %q, want %q", c.in, code, c.code)
		}
	}
	if got := MaskSNILS("11223344595"); got != "***-***-*** 95" {
		t.Errorf("MaskSNILS = %q", got)
	}
	if got := FormatSNILS("11223344595"); got != "112-233-445 95" {
		t.Errorf("FormatSNILS = %q", got)
	}
}

func TestSNILSControlEdges(t *testing.T) {
	for _, c := range []struct {
		nine string
		want int
	}{
		{"112233445", 95},
		{"000000011", 3},  // 1·2 + 1·1
		{"111111111", 45}, // 9+8+…+1
		{"999999999", 1},  // 405 mod 101
		{"920000003", 0},  // sum 100
		{"920000004", 0},  // sum 101
		{"996100000", 0},  // sum 201, mod 101 = 100
		{"996100001", 0},  // sum 202, mod 101 = 0
		{"996100002", 1},  // sum 203
	} {
		if got := snilsControl(c.nine); got != c.want {
			t.Errorf("snilsControl(%s) = %d, want %d", c.nine, got, c.want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"+7 (111) 111-11-11", "+71111111111", true},
		{"89123456789", "+79123456789", true},
		{"+79123456789", "+79123456789", true},
		{"9123456789", "+79123456789", true},
		{"+1 212 555 0100", "", false},
		{"+7 (912) 345-67", "", false},
		{"телефон", "", false},
	} {
		got, ok := NormalizePhone(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	if got := FormatPhone("+71111111111"); got != "+7 (111) 111-11-11" {
		t.Errorf("FormatPhone = %q", got)
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		" Ivanova@Example.RU ":      "ivanova@example.ru",
		"uchrejdienieDOD@yandex.ru": "uchrejdieniedod@yandex.ru",
		"no-at-sign":                "",
		"a@b":                       "",
		"Иван <ivan@example.ru>":    "",
	} {
		got, ok := NormalizeEmail(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeEmail(%q) = %q, %v", in, got, ok)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Money
		ok   bool
	}{
		{"25000.00", 2500000, true},
		{"25000", 2500000, true},
		{"25 000,5", 2500050, true},
		{"0.01", 1, true},
		{"1.234", 0, false},
		{"abc", 0, false},
		{"", 0, false},
		{"1e5", 0, false},
	} {
		got, err := ParseMoney(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseMoney(%q) = %v, %v", c.in, got, err)
		}
	}
	b, _ := json.Marshal(Money(2500000))
	if string(b) != `"25000.00"` {
		t.Errorf("json = %s", b)
	}
	if got := Money(2500050).Russian(); got != "25\u00a0000,50\u00a0₽" {
		t.Errorf("Russian = %q", got)
	}
	if Min(Rubles(5), Rubles(3), Rubles(4)) != Rubles(3) {
		t.Error("Min")
	}
}

func TestDate(t *testing.T) {
	d, err := ParseDate("01.01.2008")
	if err != nil || d.String() != "2008-01-01" || d.Russian() != "01.01.2008" {
		t.Fatalf("ParseDate = %v, %v", d, err)
	}
	for _, c := range []struct {
		birth, on string
		age       int
	}{
		{"2008-01-01", "2026-01-01", 18},
		{"2008-01-02", "2026-01-01", 17},
		{"2010-02-28", "2026-02-27", 15},
		{"2012-02-29", "2026-02-28", 13},
		{"2012-02-29", "2026-03-01", 14},
	} {
		b, _ := ParseDate(c.birth)
		on, _ := ParseDate(c.on)
		if got := b.AgeOn(on); got != c.age {
			t.Errorf("age of %s on %s = %d, want %d", c.birth, c.on, got, c.age)
		}
	}
	var s struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2026-13-01"}`), &s); err == nil {
		t.Error("bad date accepted")
	}
}

func TestStaffValidate(t *testing.T) {
	for _, c := range []struct {
		s  Staff
		ok bool
	}{
		{Staff{Email: "op@example.ru", Role: RoleOperator, OrganizationID: 1}, true},
		{Staff{Email: "op@example.ru", Role: RoleOperator}, false},
		{Staff{Email: "m@example.ru", Role: RoleMunicipalAdmin}, false},
		{Staff{Email: "r@example.ru", Role: RoleRegionalAdmin}, true},
		{Staff{Email: "r@example.ru", Role: RoleParent}, false},
		{Staff{Email: "bad", Role: RoleRegionalAdmin}, false},
	} {
		if err := c.s.Validate(); (err == nil) != c.ok {
			t.Errorf("Validate(%+v) = %v", c.s, err)
		}
	}
}

func TestSexOfPatronymic(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Sex
		ok   bool
	}{
		{"Сергеевна", Female, true}, {"Ильинична", Female, true}, {"ильинична", Female, true}, {"Мамед кызы", Female, true},
		{"Сергеевич", Male, true}, {"Ильич", Male, true}, {"Мамед оглы", Male, true}, {"", "", false}, {"Данных", "", false},
	} {
		if got, ok := SexOfPatronymic(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("SexOfPatronymic(%q) = %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
