package navigator

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ContingentRecordFields is how many fields a line of a «Контингент»
// export has: last name, first name, patronymic, birth date, sex,
// document type, series, number, СНИЛС.
const ContingentRecordFields = 9

// ContingentRecord is one child of a «Контингент» export, checked and in
// the normal form the registry keeps (document series and number as
// NormalizeDocument gives them, СНИЛС as NormalizeSNILS), still in plain
// text: the importer seals it.
type ContingentRecord struct {
	LastName, FirstName, Patronymic string
	BirthDate                       Date
	Sex                             Sex
	DocumentType                    DocumentType
	Series, Number                  string
	SNILS                           string // "": none
}

// earliestContingentBirth is the oldest birth date an export may carry:
// the registry holds pupils, and the extracts are of the last decades.
var earliestContingentBirth = NewDate(1990, time.January, 1)

// ParseContingentRecord checks one line of an export (trimming its
// fields in place); problem names the first bad field the way the
// import's report does: "birth_date: must be YYYY-MM-DD".
func ParseContingentRecord(rec []string, today Date) (r ContingentRecord, problem string) {
	if len(rec) != ContingentRecordFields {
		return r, fmt.Sprintf("line: %d fields, %d expected", len(rec), ContingentRecordFields)
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	last, first, patronymic := rec[0], rec[1], rec[2]
	const letters = "letters (Russian or Latin), spaces, hyphens and apostrophes only, up to 60"
	switch {
	case last == "":
		return r, "last_name: required"
	case !ValidName(last):
		return r, "last_name: " + letters
	case first == "":
		return r, "first_name: required"
	case !ValidName(first):
		return r, "first_name: " + letters
	case patronymic != "" && !ValidName(patronymic):
		return r, "patronymic: " + letters
	}
	birth, err := time.Parse(time.DateOnly, rec[3])
	if err != nil {
		return r, fmt.Sprintf("birth_date: %q is not a date YYYY-MM-DD", rec[3])
	}
	bd := DateOf(birth)
	if today.Before(bd) {
		return r, fmt.Sprintf("birth_date: %s is in the future", rec[3])
	}
	if bd.Before(earliestContingentBirth) {
		return r, fmt.Sprintf("birth_date: %s is before %s", rec[3], earliestContingentBirth)
	}
	sex := Sex(rec[4])
	if !sex.Valid() {
		return r, fmt.Sprintf("sex: %q must be male or female", rec[4])
	}
	dt := DocumentType(rec[5])
	if !dt.Valid() {
		return r, fmt.Sprintf("document_type: %q must be birth_certificate, passport or foreign", rec[5])
	}
	series, number, err := NormalizeDocument(dt, rec[6], rec[7])
	if err != nil {
		var e *Error
		if errors.As(err, &e) && len(e.Fields) > 0 {
			return r, e.Fields[0].Field + ": " + e.Fields[0].Message
		}
		return r, "document: " + err.Error()
	}
	var snils string
	if rec[8] != "" {
		snils = NormalizeSNILS(rec[8])
		if code, msg := ValidateSNILS(snils); code != "" {
			return r, "snils: " + msg
		}
	}
	return ContingentRecord{LastName: last, FirstName: first, Patronymic: patronymic, BirthDate: bd, Sex: sex,
		DocumentType: dt, Series: series, Number: number, SNILS: snils}, ""
}
