package contingent

import (
	"context"
	"encoding/csv"
	"encoding/hex"
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

// chunk is how many checked rows the reader hands to the writer at once.
const chunk = 500

// BadRows is the error of an extract with bad lines: nothing was loaded.
type BadRows struct {
	Lines []string // "line 17: birth_date: …", at most maxReported
	More  bool     // reading stopped with more bad lines than listed
}

func (e *BadRows) Error() string {
	msg := e.Lines[0]
	switch n := len(e.Lines) - 1; {
	case e.More:
		msg += fmt.Sprintf(" (and more than %d other bad lines; nothing was loaded)", n)
	case n > 0:
		msg += fmt.Sprintf(" (and %d more bad lines; nothing was loaded)", n)
	default:
		msg += " (nothing was loaded)"
	}
	return msg
}

// add records a bad line and reports whether to stop reading.
func (e *BadRows) add(line int, problem string) (stop bool) {
	if len(e.Lines) == maxReported {
		e.More = true
		return true
	}
	e.Lines = append(e.Lines, fmt.Sprintf("line %d: %s", line, problem))
	return false
}

// Import loads a registry extract (CSV, UTF-8, optional BOM, the header
// of Header) in one transaction: every row or none. The same document
// already in the registry is replaced, so that a newer extract loads over
// an older one. Bad rows are reported with their line numbers in one
// *BadRows error (up to 20, then reading stops) and nothing is written.
// progress, when not nil, hears the count every ProgressEvery rows.
//
// The file is read and checked, and personal data sealed, in a goroutine
// of its own while the database writes the rows before.
func Import(ctx context.Context, db *store.DB, keys Keys, r io.Reader, progress func(rows int)) (int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, to say which line is short
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, fmt.Errorf("line 1: cannot read the header: %v", err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	if strings.Join(head, ",") != Header {
		return 0, fmt.Errorf("line 1: the header must be %s", Header)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []store.ContingentRow, 8)
	var readErr error // set before chunks is closed
	go func() {
		defer close(chunks)
		readErr = readRows(ctx, cr, keys, navigator.Today(time.Now()), chunks, progress)
	}()
	n, err := db.ImportContingent(ctx, func(yield func(store.ContingentRow) error) error {
		for c := range chunks {
			for _, row := range c {
				if err := yield(row); err != nil {
					return err
				}
			}
		}
		return readErr
	})
	cancel()
	for range chunks { // let the reader finish
	}
	if err != nil {
		if readErr != nil {
			return 0, readErr
		}
		return 0, err
	}
	return n, nil
}

// readRows reads, checks and seals the records and sends them in chunks;
// after the first bad line it only checks.
func readRows(ctx context.Context, cr *csv.Reader, keys Keys, today navigator.Date, out chan<- []store.ContingentRow, progress func(int)) error {
	bad := &BadRows{}
	seen := map[[16]byte]int32{} // the document hash's first half → line
	rows := 0
	cur := make([]store.ContingentRow, 0, chunk)
	send := func() error {
		if len(cur) == 0 {
			return nil
		}
		select {
		case out <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = make([]store.ContingentRow, 0, chunk)
		return nil
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
				err = pe.Err
			}
			if bad.add(line, "cannot read: "+err.Error()) {
				break
			}
			continue
		}
		var row store.ContingentRow
		problem := ""
		if len(rec) != 9 {
			problem = fmt.Sprintf("expected 9 fields separated by commas, got %d", len(rec))
		} else if row, problem = parseRow(rec, keys, today); problem == "" {
			var k [16]byte
			_, _ = hex.Decode(k[:], []byte(row.DocumentHash[:32]))
			if first, dup := seen[k]; dup {
				problem = fmt.Sprintf("document: the same document as on line %d", first)
			} else {
				seen[k] = int32(line)
			}
		}
		if problem != "" {
			if bad.add(line, problem) {
				break
			}
			continue
		}
		if len(bad.Lines) > 0 {
			continue // keep checking, write nothing
		}
		cur = append(cur, row)
		rows++
		if len(cur) == chunk {
			if err := send(); err != nil {
				return err
			}
		}
		if progress != nil && rows%ProgressEvery == 0 {
			progress(rows)
		}
	}
	if len(bad.Lines) > 0 {
		return bad
	}
	return send()
}

// parseRow checks one record (navigator.ParseContingentRecord) and seals
// its personal data; problem names the first bad field.
func parseRow(rec []string, keys Keys, today navigator.Date) (row store.ContingentRow, problem string) {
	r, problem := navigator.ParseContingentRecord(rec, today)
	if problem != "" {
		return row, problem
	}
	var snils []byte
	if r.SNILS != "" {
		snils = keys.Seal(r.SNILS)
	}
	return store.ContingentRow{LastName: r.LastName, FirstName: r.FirstName, Patronymic: r.Patronymic, BirthDate: r.BirthDate,
		Sex: string(r.Sex), DocumentType: string(r.DocumentType), DocumentSealed: keys.Seal(documentText(r.Series, r.Number)),
		DocumentHash: keys.Hash(hashDomain, navigator.DocumentKey(r.DocumentType, r.Series, r.Number)), SNILSSealed: snils}, ""
}
