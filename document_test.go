package navigator

import (
	"strings"
	"testing"
)

func TestNormalizeDocument(t *testing.T) {
	for _, c := range []struct {
		t              DocumentType
		series, number string
		wantS, wantN   string
		bad            string
	}{
		{DocBirthCertificate, "IV-МЮ", "123456", "IV-МЮ", "123456", ""},
		{DocBirthCertificate, "iv-мю", "123 456", "IV-МЮ", "123456", ""},
		{DocBirthCertificate, "IV МЮ", "№ 123456", "IV-МЮ", "123456", ""},
		{DocBirthCertificate, "IVМЮ", "123456", "IV-МЮ", "123456", ""},
		{DocBirthCertificate, "IV-MЮ", "123456", "IV-МЮ", "123456", ""}, // Latin M
		{DocBirthCertificate, "ІV-МЮ", "123456", "IV-МЮ", "123456", ""}, // Cyrillic І
		{DocBirthCertificate, "Ⅳ-МЮ", "123456", "IV-МЮ", "123456", ""},
		{DocBirthCertificate, "XII-AK", "000001", "XII-АК", "000001", ""},
		{DocBirthCertificate, "ХII-ЕР", "000001", "XII-ЕР", "000001", ""}, // Cyrillic Х
		{DocBirthCertificate, "IIII-МЮ", "123456", "", "", "document_series"},
		{DocBirthCertificate, "IV-М", "123456", "", "", "document_series"},
		{DocBirthCertificate, "МЮ", "123456", "", "", "document_series"},
		{DocBirthCertificate, "IV-МЮ", "12345", "", "", "document_number"},
		{DocBirthCertificate, "IV-МЮ", "12345a", "", "", "document_number"},
		{DocPassport, "45 12", "654321", "4512", "654321", ""},
		{DocPassport, "451", "654321", "", "", "document_series"},
		{DocPassport, "4512", "6543210", "", "", "document_number"},
		{DocForeign, " ab ", "x 123", "AB", "X123", ""},
		{DocForeign, "", "", "", "", "document_number"},
		{DocForeign, "", "12-34", "", "", "document_number"},
		{"driver", "1", "2", "", "", "document_type"},
	} {
		s, n, err := NormalizeDocument(c.t, c.series, c.number)
		if c.bad == "" {
			if err != nil || s != c.wantS || n != c.wantN {
				t.Errorf("%s %q %q = %q %q %v; want %q %q", c.t, c.series, c.number, s, n, err, c.wantS, c.wantN)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || len(e.Fields) == 0 {
			t.Errorf("%s %q %q accepted: %q %q", c.t, c.series, c.number, s, n)
			continue
		}
		found := false
		for _, f := range e.Fields {
			found = found || (f.Field == c.bad && f.Message != "")
		}
		if !found {
			t.Errorf("%s %q %q: fields %+v, want %s", c.t, c.series, c.number, e.Fields, c.bad)
		}
	}
	if got := MaskDocument("IV-МЮ", "123456"); got != "IV-МЮ № ****56" {
		t.Errorf("MaskDocument = %q", got)
	}
}

func FuzzNormalizeDocument(f *testing.F) {
	for _, s := range []string{"IV-МЮ", "iv mю", "45 12", "Ⅻ-АК", "", "-", "IIIIIIII"} {
		f.Add("birth_certificate", s, "123456")
		f.Add("passport", s, "654321")
		f.Add("foreign", s, "№ 1")
	}
	f.Fuzz(func(t *testing.T, typ, series, number string) {
		s, n, err := NormalizeDocument(DocumentType(typ), series, number)
		if err != nil {
			return
		}
		s2, n2, err := NormalizeDocument(DocumentType(typ), s, n)
		if err != nil || s2 != s || n2 != n {
			t.Fatalf("not idempotent: %q %q → %q %q → %q %q %v", series, number, s, n, s2, n2, err)
		}
		if DocumentType(typ) == DocBirthCertificate && (len(n) != 6 || !strings.Contains(s, "-")) {
			t.Fatalf("accepted %q %q", s, n)
		}
	})
}

func FuzzValidateSNILS(f *testing.F) {
	for _, s := range []string{"112-233-445 95", "11223344595", "", "abc", "001-001-997 00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := NormalizeSNILS(in)
		if code, _ := ValidateSNILS(s); code == "" && len(s) != 11 {
			t.Fatalf("accepted %q", s)
		}
		_ = MaskSNILS(s)
		_ = FormatSNILS(s)
	})
}
