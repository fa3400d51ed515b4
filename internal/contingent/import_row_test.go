package contingent

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/secret"
)

// TestParseRowSeals: a good line's СНИЛС and document are sealed, open
// back to the normal form, and the document's hash is its key's; a bad
// line is refused with the domain's problem and nothing sealed. The
// line's own rules are fuzzed in the domain (FuzzContingentRecord).
func TestParseRowSeals(t *testing.T) {
	k, err := secret.New("contingent-row-secret-0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	today := navigator.NewDate(2026, time.December, 5)
	for _, tc := range []struct {
		line, snils, doc, problem string
	}{
		{"Семенова,Алена,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95", "11223344595", "IV-МЮ\t123456", ""},
		{"Иванов,Пётр,,2010-01-31,male,passport,45 12,654 321,", "", "4512\t654321", ""},
		{"Иванов,Пётр,,2099-01-31,male,passport,4512,654321,", "", "", "birth_date: "},
	} {
		rec, err := csv.NewReader(strings.NewReader(tc.line)).Read()
		if err != nil {
			t.Fatal(err)
		}
		row, problem := parseRow(rec, k, today)
		if tc.problem != "" {
			if !strings.HasPrefix(problem, tc.problem) || row.DocumentSealed != nil || row.SNILSSealed != nil {
				t.Errorf("%q: %q %+v", tc.line, problem, row)
			}
			continue
		}
		if problem != "" {
			t.Fatalf("%q: %s", tc.line, problem)
		}
		if doc, err := k.Open(row.DocumentSealed); err != nil || doc != tc.doc {
			t.Errorf("%q: document %q %v, want %q", tc.line, doc, err, tc.doc)
		}
		if tc.snils == "" && row.SNILSSealed != nil {
			t.Errorf("%q: a СНИЛС sealed from nothing", tc.line)
		}
		if tc.snils != "" {
			if s, err := k.Open(row.SNILSSealed); err != nil || s != tc.snils {
				t.Errorf("%q: СНИЛС %q %v, want %q", tc.line, s, err, tc.snils)
			}
		}
		series, number, _ := strings.Cut(tc.doc, "\t")
		if want := k.Hash(hashDomain, navigator.DocumentKey(navigator.DocumentType(rec[5]), series, number)); row.DocumentHash != want {
			t.Errorf("%q: document hash differs from its key's", tc.line)
		}
	}
}
