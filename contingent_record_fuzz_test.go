package navigator

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

// FuzzContingentRecord: a line of a «Контингент» export either names its
// first bad field or becomes a record whose names are valid, whose birth
// date lies between 1990 and today, and whose document and СНИЛС are in
// the normal form (normalizing them again changes nothing).
func FuzzContingentRecord(f *testing.F) {
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
	today := NewDate(2026, time.December, 5)
	f.Fuzz(func(t *testing.T, line string) {
		cr := csv.NewReader(strings.NewReader(line))
		cr.FieldsPerRecord = ContingentRecordFields
		rec, err := cr.Read()
		if err != nil {
			return
		}
		r, problem := ParseContingentRecord(rec, today)
		if problem != "" {
			if !strings.Contains(problem, ": ") {
				t.Fatalf("%q: problem %q names no field", line, problem)
			}
			return
		}
		if !ValidName(r.LastName) || !ValidName(r.FirstName) || (r.Patronymic != "" && !ValidName(r.Patronymic)) {
			t.Fatalf("%q: names %q %q %q", line, r.LastName, r.FirstName, r.Patronymic)
		}
		if today.Before(r.BirthDate) || r.BirthDate.Before(earliestContingentBirth) {
			t.Fatalf("%q: birth date %v", line, r.BirthDate)
		}
		if !r.Sex.Valid() || !r.DocumentType.Valid() {
			t.Fatalf("%q: sex %q, document type %q", line, r.Sex, r.DocumentType)
		}
		if s, n, err := NormalizeDocument(r.DocumentType, r.Series, r.Number); err != nil || s != r.Series || n != r.Number {
			t.Fatalf("%q: document %q %q is not normal: %q %q %v", line, r.Series, r.Number, s, n, err)
		}
		if r.SNILS != "" {
			if code, _ := ValidateSNILS(r.SNILS); code != "" || NormalizeSNILS(r.SNILS) != r.SNILS {
				t.Fatalf("%q: СНИЛС %q", line, r.SNILS)
			}
		}
	})
}

// TestParseContingentRecord names the field each bad line fails on.
func TestParseContingentRecord(t *testing.T) {
	today := NewDate(2026, time.December, 5)
	for _, tc := range []struct {
		line, problem string
	}{
		{"Семенова,Алена,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95", ""},
		{" Иванов ,Пётр,,2010-01-31,male,passport,45 12,654 321,", ""},
		{",Пётр,,2010-01-31,male,passport,4512,654321,", "last_name: required"},
		{"Иванов,,,2010-01-31,male,passport,4512,654321,", "first_name: required"},
		{"Иванов,Пётр,П3тр,2010-01-31,male,passport,4512,654321,", "patronymic: "},
		{"Иванов,Пётр,,31.01.2010,male,passport,4512,654321,", "birth_date: "},
		{"Иванов,Пётр,,2099-01-31,male,passport,4512,654321,", "birth_date: 2099-01-31 is in the future"},
		{"Иванов,Пётр,,1989-12-31,male,passport,4512,654321,", "birth_date: 1989-12-31 is before 1990-01-01"},
		{"Иванов,Пётр,,2010-01-31,m,passport,4512,654321,", "sex: "},
		{"Иванов,Пётр,,2010-01-31,male,driver,4512,654321,", "document_type: "},
		{"Иванов,Пётр,,2010-01-31,male,passport,45,654321,", "document_series: "},
		{"Иванов,Пётр,,2010-01-31,male,passport,4512,654321,112-233-445 96", "snils: "},
	} {
		rec, err := csv.NewReader(strings.NewReader(tc.line)).Read()
		if err != nil {
			t.Fatal(err)
		}
		r, problem := ParseContingentRecord(rec, today)
		if tc.problem == "" && (problem != "" || r.LastName == "") {
			t.Errorf("%q: %q %+v", tc.line, problem, r)
		}
		if tc.problem != "" && !strings.HasPrefix(problem, tc.problem) {
			t.Errorf("%q: problem %q, want %q…", tc.line, problem, tc.problem)
		}
	}
	if _, problem := ParseContingentRecord([]string{"Иванов"}, today); !strings.HasPrefix(problem, "line: ") {
		t.Errorf("a short line: %q", problem)
	}
}
