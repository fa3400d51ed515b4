package navigator

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day without a time zone, written "YYYY-MM-DD" in the
// API and the database and «ДД.ММ.ГГГГ» for people.
type Date struct{ t time.Time }

// NewDate returns the date of y, m, d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in its own zone.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses "YYYY-MM-DD" or «ДД.ММ.ГГГГ». Years outside 1900–2199
// are refused: 0001-01-01 would read as no date at all.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{time.DateOnly, "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() < 2200 {
			return Date{t}, nil
		}
	}
	return Date{}, errBadDate()
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return d.t }

// String returns "YYYY-MM-DD".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Russian returns «ДД.ММ.ГГГГ».
func (d Date) Russian() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02.01.2006")
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// AgeOn returns the full years of a person born on d at the day on.
func (d Date) AgeOn(on Date) int {
	y := on.t.Year() - d.t.Year()
	if on.t.Month() < d.t.Month() || (on.t.Month() == d.t.Month() && on.t.Day() < d.t.Day()) {
		y--
	}
	return y
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errBadDate()
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return errBadDate()
	}
	*d = Date{t}
	return nil
}

// Value stores d as "YYYY-MM-DD".
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date from either engine: time.Time or text.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = DateOf(v)
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("cannot scan %T into Date", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return err
	}
	*d = Date{t}
	return nil
}

// Zone is the region's time zone: ages, enrolment days and times shown to
// people are counted in it. The demo region is Omsk, UTC+6.
var Zone = time.FixedZone("UTC+6", 6*3600)

// Today returns the date in the region at the instant.
func Today(now time.Time) Date { return DateOf(now.In(Zone)) }

// errBadDate is what a person reads about a date that is not one; a new
// error each time, since callers may add a code to it.
func errBadDate() *Error {
	return Errorf(KindInvalid, "Дата записывается строкой ГГГГ-ММ-ДД, например «2026-09-01», и должна существовать в календаре.")
}
