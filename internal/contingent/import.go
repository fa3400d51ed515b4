package contingent

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"navigator"
	"navigator/internal/store"
)

// Header is the first line of a registry extract.
const Header = "last_name,first_name,patronymic,birth_date,sex,document_type,document_series,document_number,snils"

// ProgressEvery is how many rows pass between progress reports.
const ProgressEvery = 50_000

// maxReported is how many bad lines an import names before it stops.
const maxReported = 20

// BadRows is the error of an extract with bad lines: nothing was loaded.
type BadRows struct {
	Lines []string // "line 17: birth_date: …"
	More  bool     // more bad lines than listed
}

func (e *BadRows) Error() string {
	msg := e.Lines[0]
	if n := len(e.Lines) - 1; n > 0 || e.More {
		more := fmt.Sprintf("%d", n)
		if e.More {
			more += "+"
		}
		msg += fmt.Sprintf(" (and %s more bad lines; nothing was loaded)", more)
	} else {
		msg += " (nothing was loaded)"
	}
	return msg
}

// Import loads a registry extract (CSV, UTF-8, optional BOM, the header
// of Header) in one transaction: every row or none. Bad rows are reported
// with their line numbers. progress, when not nil, hears the count every
// ProgressEvery rows.
func Import(ctx context.Context, db *store.DB, keys Keys, r io.Reader, progress func(rows int)) (int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, to say which line is short
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, fmt.Errorf("line 1: cannot read the header: %w", err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	if strings.Join(head, ",") != Header {
		return 0, fmt.Errorf("line 1: the header must be %s", Header)
	}
	today := navigator.Today(time.Now())
	bad := &BadRows{}
	seen := map[string]int{}
	line, rows := 1, 0
	next := func() (store.ContingentRow, bool, error) {
		for {
			if err := ctx.Err(); err != nil {
				return store.ContingentRow{}, false, err
			}
			rec, err := cr.Read()
			line++
			if errors.Is(err, io.EOF) {
				if len(bad.Lines) > 0 {
					return store.ContingentRow{}, false, bad
				}
				return store.ContingentRow{}, false, nil
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					line = pe.Line
				}
				if bad.add(fmt.Sprintf("line %d: %s", line, csvReason(err))) {
					return store.ContingentRow{}, false, bad
				}
				continue
			}
			if len(rec) != 9 {
				if bad.add(fmt.Sprintf("line %d: expected 9 fields separated by commas, got %d", line, len(rec))) {
					return store.ContingentRow{}, false, bad
				}
				continue
			}
			row, hash, problem := parseRow(rec, keys, today)
			if problem == "" {
				if first, dup := seen[hash]; dup {
					problem = fmt.Sprintf("document: the same document as on line %d", first)
				} else {
					seen[hash] = line
				}
			}
			if problem != "" {
				if bad.add(fmt.Sprintf("line %d: %s", line, problem)) {
					return store.ContingentRow{}, false, bad
				}
				continue
			}
			if len(bad.Lines) > 0 {
				continue // keep checking, write nothing
			}
			rows++
			if progress != nil && rows%ProgressEvery == 0 {
				progress(rows)
			}
			return row, true, nil
		}
	}
	n, err := db.ImportContingent(ctx, next)
	if err != nil {
		return 0, err
	}
	return n, nil
}

// add records a bad line and reports whether to stop reading.
func (b *BadRows) add(line string) bool {
	if len(b.Lines) == maxReported {
		b.More = true
		return true
	}
	b.Lines = append(b.Lines, line)
	return false
}

func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return "expected 9 fields separated by commas"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// parseRow validates one record and seals its personal data; problem
// names the first bad field.
func parseRow(rec []string, keys Keys, today navigator.Date) (row store.ContingentRow, hash, problem string) {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	last, first, patronymic := rec[0], rec[1], rec[2]
	switch {
	case !navigator.ValidName(last):
		return row, "", "last_name: required, letters, spaces, hyphens and apostrophes only"
	case !navigator.ValidName(first):
		return row, "", "first_name: required, letters, spaces, hyphens and apostrophes only"
	case patronymic != "" && !navigator.ValidName(patronymic):
		return row, "", "patronymic: letters, spaces, hyphens and apostrophes only"
	}
	birth, err := navigator.ParseDate(rec[3])
	if err != nil || len(rec[3]) != 10 {
		return row, "", "birth_date: must be YYYY-MM-DD"
	}
	if today.Before(birth) || birth.Before(navigator.NewDate(1990, 1, 1)) {
		return row, "", "birth_date: must be between 1990-01-01 and today"
	}
	if sex := navigator.Sex(rec[4]); !sex.Valid() {
		return row, "", "sex: must be male or female"
	}
	dt := navigator.DocumentType(rec[5])
	if !dt.Valid() {
		return row, "", "document_type: must be birth_certificate, passport or foreign"
	}
	series, number, err := navigator.NormalizeDocument(dt, rec[6], rec[7])
	if err != nil {
		var e *navigator.Error
		if errors.As(err, &e) && len(e.Fields) > 0 {
			return row, "", e.Fields[0].Field + ": " + e.Fields[0].Message
		}
		return row, "", "document: " + err.Error()
	}
	var snils []byte
	if s := navigator.NormalizeSNILS(rec[8]); s != "" {
		if code, msg := navigator.ValidateSNILS(s); code != "" {
			return row, "", "snils: " + msg
		}
		snils = keys.Seal(s)
	}
	hash = keys.Hash("contingent", navigator.DocumentKey(dt, series, number))
	return store.ContingentRow{LastName: last, FirstName: first, Patronymic: patronymic, BirthDate: birth, Sex: rec[4],
		DocumentType: string(dt), DocumentSealed: keys.Seal(documentText(series, number)), DocumentHash: hash, SNILSSealed: snils}, hash, ""
}
