package contingent

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/secret"
)

// FuzzImportRow: a line of a «Контингент» export either names its first
// bad field or becomes a row whose names are valid, whose birth date lies
// between 1990 and today, and whose sealed СНИЛС and document open to
// valid values.
func FuzzImportRow(f *testing.F) {
	for _, s := range []string{
		"Семенова,Алена,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95",
		"Иванов,Пётр,,2010-01-31,male,passport,45 12,654 321,",
		"Smith,John,,2015-07-07,male,foreign,AB,X12345,",
		"Иванов,Пётр,,2099-01-31,male,passport,4512,654321,",
		"=HYPERLINK(1),Пётр,,2010-01-31,male,passport,4512,654321,000-000-000 00",
		"\"Иванов\",\"\",,,,,,,",
	} {
		f.Add(s)
	}
	k, err := secret.New("contingent-fuzz-secret-0123456789abcdef")
	if err != nil {
		f.Fatal(err)
	}
	today := navigator.NewDate(2026, time.December, 5)
	f.Fuzz(func(t *testing.T, line string) {
		cr := csv.NewReader(strings.NewReader(line))
		cr.FieldsPerRecord = 9
		rec, err := cr.Read()
		if err != nil {
			return
		}
		row, problem := parseRow(rec, k, today)
		if problem != "" {
			if !strings.Contains(problem, ": ") {
				t.Fatalf("%q: problem %q names no field", line, problem)
			}
			return
		}
		if !navigator.ValidName(row.LastName) || !navigator.ValidName(row.FirstName) {
			t.Fatalf("%q: names %q %q", line, row.LastName, row.FirstName)
		}
		if today.Before(row.BirthDate) || row.BirthDate.Before(navigator.NewDate(1990, time.January, 1)) {
			t.Fatalf("%q: birth date %v", line, row.BirthDate)
		}
		if row.SNILSSealed != nil {
			s, err := k.Open(row.SNILSSealed)
			if code, _ := navigator.ValidateSNILS(s); err != nil || code != "" {
				t.Fatalf("%q: sealed СНИЛС %q %v %s", line, s, err, code)
			}
		}
		doc, err := k.Open(row.DocumentSealed)
		if err != nil || !strings.Contains(doc, "\t") {
			t.Fatalf("%q: sealed document %q %v", line, doc, err)
		}
	})
}
