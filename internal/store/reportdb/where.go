package reportdb

import (
	"strings"
	"time"

	"navigator"
)

// where collects the conditions of a report query and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// id adds "column = id" unless id is 0 (all).
func (w *where) id(column string, id int64) {
	if id != 0 {
		w.add(column+" = ?", id)
	}
}

// days adds the bounds of a day range in the region's zone on an
// instant column; zero dates leave that side open.
func (w *where) days(column string, from, to navigator.Date) {
	if !from.IsZero() {
		w.add(column+" >= ?", dayStart(from))
	}
	if !to.IsZero() {
		w.add(column+" < ?", dayStart(navigator.DateOf(to.Time().AddDate(0, 0, 1))))
	}
}

// sql returns " WHERE …" or "".
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// dayStart is the instant a day begins in the region, in UTC as stored.
func dayStart(d navigator.Date) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, navigator.Zone).UTC()
}
