package navigator

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDocumentType(t *testing.T) {
	for _, d := range []DocumentType{DocBirthCertificate, DocPassport, DocForeign} {
		if !d.Valid() || d.Title() == string(d) || d.Title() == "" {
			t.Errorf("%s: valid %v, title %q", d, d.Valid(), d.Title())
		}
	}
	for _, d := range []DocumentType{"", "driver", "Passport"} {
		if d.Valid() {
			t.Errorf("%q is valid", d)
		}
	}
}

func TestNormalizeDocument(t *testing.T) {
	for _, c := range []struct {
		t              DocumentType
		series, number string
		wantS, wantN   string
		bad            []string // fields with errors
	}{
		// Birth certificates: separators, case, look-alikes.
		{t: DocBirthCertificate, series: "IV-МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "iv-мю", number: "123 456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "IV МЮ", number: "№ 123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: " IVМЮ ", number: "№123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "IV - МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "IV–МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"}, // en dash
		{t: DocBirthCertificate, series: "IV-MЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"}, // Latin M
		{t: DocBirthCertificate, series: "IV-mю", number: "123456", wantS: "IV-МЮ", wantN: "123456"}, // Latin m
		{t: DocBirthCertificate, series: "ІV-МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"}, // Cyrillic І
		{t: DocBirthCertificate, series: "1V-МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"}, // digit one
		{t: DocBirthCertificate, series: "Ⅳ-МЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "ⅣМЮ", number: "123456", wantS: "IV-МЮ", wantN: "123456"},
		{t: DocBirthCertificate, series: "XII-AK", number: "000001", wantS: "XII-АК", wantN: "000001"},
		{t: DocBirthCertificate, series: "ХII-ЕР", number: "000001", wantS: "XII-ЕР", wantN: "000001"}, // Cyrillic Х
		{t: DocBirthCertificate, series: "XIXC", number: "000001", wantS: "XI-ХС", wantN: "000001"},    // letters are the last two
		{t: DocBirthCertificate, series: "хс-ТТ", number: "000001", wantS: "XC-ТТ", wantN: "000001"},
		{t: DocBirthCertificate, series: "XXXIX-ЁЖ", number: "999999", wantS: "XXXIX-ЁЖ", wantN: "999999"},
		{t: DocBirthCertificate, series: "LXXXVIII-ЯЯ", number: "999999", wantS: "LXXXVIII-ЯЯ", wantN: "999999"},
		{t: DocBirthCertificate, series: "I-АА", number: "000000", wantS: "I-АА", wantN: "000000"},
		{t: DocBirthCertificate, series: "IIII-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "VX-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IC-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "VV-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-М", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-МЮЯ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-МЮ-1", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-QZ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "IV-ІЇ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "4-МЮ", number: "123456", bad: []string{"document_series"}},
		{t: DocBirthCertificate, series: "", number: "", bad: []string{"document_series", "document_number"}},
		{t: DocBirthCertificate, series: "IV-МЮ", number: "12345", bad: []string{"document_number"}},
		{t: DocBirthCertificate, series: "IV-МЮ", number: "1234567", bad: []string{"document_number"}},
		{t: DocBirthCertificate, series: "IV-МЮ", number: "12345a", bad: []string{"document_number"}},
		{t: DocBirthCertificate, series: "IV-МЮ", number: "123-456", bad: []string{"document_number"}},
		{t: DocBirthCertificate, series: "IV-МЮ", number: "１２３４５６", bad: []string{"document_number"}},
		// Passports.
		{t: DocPassport, series: "45 12", number: "654321", wantS: "4512", wantN: "654321"},
		{t: DocPassport, series: "4512", number: "№ 654 321", wantS: "4512", wantN: "654321"},
		{t: DocPassport, series: "45-12", number: "654321", wantS: "4512", wantN: "654321"},
		{t: DocPassport, series: "451", number: "654321", bad: []string{"document_series"}},
		{t: DocPassport, series: "45123", number: "654321", bad: []string{"document_series"}},
		{t: DocPassport, series: "45 1A", number: "654321", bad: []string{"document_series"}},
		{t: DocPassport, series: "4512", number: "6543210", bad: []string{"document_number"}},
		{t: DocPassport, series: "", number: "", bad: []string{"document_series", "document_number"}},
		// Foreign documents.
		{t: DocForeign, series: " ab ", number: "x 123", wantS: "AB", wantN: "X123"},
		{t: DocForeign, series: "", number: "№ 1", wantS: "", wantN: "1"},
		{t: DocForeign, series: "ab  cd", number: "Ж12", wantS: "AB CD", wantN: "Ж12"},
		{t: DocForeign, series: "", number: "", bad: []string{"document_number"}},
		{t: DocForeign, series: "", number: "12-34", bad: []string{"document_number"}},
		{t: DocForeign, series: "", number: strings.Repeat("9", 21), bad: []string{"document_number"}},
		{t: DocForeign, series: strings.Repeat("A", 21), number: "1", bad: []string{"document_series"}},
		{t: DocForeign, series: "A\x00", number: "1", bad: []string{"document_series"}},
		{t: DocForeign, series: "\xff", number: "1", bad: []string{"document_series"}},
		// Types.
		{t: "driver", series: "1", number: "2", bad: []string{"document_type"}},
		{t: "", series: "IV-МЮ", number: "123456", bad: []string{"document_type"}},
	} {
		s, n, err := NormalizeDocument(c.t, c.series, c.number)
		if c.bad == nil {
			if err != nil || s != c.wantS || n != c.wantN {
				t.Errorf("%s %q %q = %q %q %v; want %q %q", c.t, c.series, c.number, s, n, err, c.wantS, c.wantN)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindInvalid {
			t.Errorf("%s %q %q accepted: %q %q", c.t, c.series, c.number, s, n)
			continue
		}
		if s != "" || n != "" {
			t.Errorf("%s %q %q: refused but returned %q %q", c.t, c.series, c.number, s, n)
		}
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Field)
			if f.Message == "" || f.Code == "" || (f.Field != "document_type" && !strings.Contains(f.Message, "например")) {
				t.Errorf("%s %q %q: field %s has no message with an example: %+v", c.t, c.series, c.number, f.Field, f)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.bad, ",") {
			t.Errorf("%s %q %q: fields %v, want %v", c.t, c.series, c.number, got, c.bad)
		}
		if e.Message == "" {
			t.Errorf("%s %q %q: no message", c.t, c.series, c.number)
		}
	}
}

func TestDocumentKeyAndMask(t *testing.T) {
	if k := DocumentKey(DocBirthCertificate, "IV-МЮ", "123456"); k != "birth_certificate|IV-МЮ|123456" {
		t.Errorf("DocumentKey = %q", k)
	}
	// Look-alikes typed differently give the same key.
	s1, n1, _ := NormalizeDocument(DocBirthCertificate, "iv mю", "123 456")
	s2, n2, _ := NormalizeDocument(DocBirthCertificate, "ІV-МЮ", "№123456")
	if DocumentKey(DocBirthCertificate, s1, n1) != DocumentKey(DocBirthCertificate, s2, n2) {
		t.Errorf("keys differ: %q %q / %q %q", s1, n1, s2, n2)
	}
	for _, c := range []struct{ series, number, want string }{
		{"IV-МЮ", "123456", "IV-МЮ № ****56"},
		{"4512", "654321", "4512 № ****21"},
		{"", "X1234567", "№ ******67"},
		{"", "12", "№ **"},
	} {
		if got := MaskDocument(c.series, c.number); got != c.want {
			t.Errorf("MaskDocument(%q, %q) = %q, want %q", c.series, c.number, got, c.want)
		}
	}
}

func FuzzNormalizeDocument(f *testing.F) {
	for _, s := range []string{"IV-МЮ", "iv mю", "45 12", "Ⅻ-АК", "", "-", "IIIIIIII", "XIXC", "хс-ТТ", "1V МЮ", "ab  cd"} {
		f.Add("birth_certificate", s, "123456")
		f.Add("passport", s, "654 321")
		f.Add("foreign", s, "№ 1")
	}
	f.Fuzz(func(t *testing.T, typ, series, number string) {
		dt := DocumentType(typ)
		s, n, err := NormalizeDocument(dt, series, number)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Fields) == 0 {
				t.Fatalf("error without fields: %v", err)
			}
			return
		}
		if !dt.Valid() {
			t.Fatalf("accepted type %q", typ)
		}
		s2, n2, err := NormalizeDocument(dt, s, n)
		if err != nil || s2 != s || n2 != n {
			t.Fatalf("not idempotent: %q %q → %q %q → %q %q %v", series, number, s, n, s2, n2, err)
		}
		if !utf8.ValidString(s) || !utf8.ValidString(n) || strings.Contains(s+n, "|") {
			t.Fatalf("accepted %q %q", s, n)
		}
		switch dt {
		case DocBirthCertificate:
			dash := strings.IndexByte(s, '-')
			if len(n) != 6 || dash < 0 || !romanNumeral.MatchString(s[:dash]) || utf8.RuneCountInString(s[dash+1:]) != 2 {
				t.Fatalf("accepted %q %q", s, n)
			}
		case DocPassport:
			if len(s) != 4 || len(n) != 6 {
				t.Fatalf("accepted %q %q", s, n)
			}
		}
		_ = MaskDocument(s, n)
	})
}

func FuzzValidateSNILS(f *testing.F) {
	for _, s := range []string{"112-233-445 95", "11223344595", "", "abc", "001-001-997 00", "112 233 445 96", "\u00a0", "1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := NormalizeSNILS(in)
		code, msg := ValidateSNILS(s)
		if code == "" {
			if len(s) != 11 || strings.Trim(s, "0123456789") != "" {
				t.Fatalf("accepted %q from %q", s, in)
			}
			if NormalizeSNILS(FormatSNILS(s)) != s {
				t.Fatalf("format does not read back: %q", s)
			}
		} else if msg == "" {
			t.Fatalf("refused %q without a message", in)
		}
		_ = MaskSNILS(s)
		_ = FormatSNILS(s)
	})
}
