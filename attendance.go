package navigator

import (
	"strconv"
	"strings"
	"time"
)

// Mark is what the attendance journal says of a child at a lesson.
type Mark string

// The marks of the journal.
const (
	MarkPresent     Mark = "present"
	MarkAbsentValid Mark = "absent_valid"
	MarkAbsent      Mark = "absent"
)

// Marks are the marks in the order the journal offers them.
var Marks = []Mark{MarkPresent, MarkAbsentValid, MarkAbsent}

// Valid reports whether m is one of the marks.
func (m Mark) Valid() bool {
	return m == MarkPresent || m == MarkAbsentValid || m == MarkAbsent
}

// Title is the mark as a person reads it.
func (m Mark) Title() string {
	switch m {
	case MarkPresent:
		return "Присутствовал"
	case MarkAbsentValid:
		return "Отсутствовал по уважительной причине"
	case MarkAbsent:
		return "Отсутствовал"
	}
	return "Не отмечено"
}

// HoursRule says which marks count as hours of service given, the
// region's setting.
//
// Sources followed: 189-ФЗ of 13.07.2020 «О государственном
// (муниципальном) социальном заказе…» (art. 20–21: the executor is paid
// under the agreement for the service actually given by the social
// certificate) and the Ministry of Education's methodological
// recommendations on the social certificate in supplementary education,
// which count the paid hours by the lessons a child attended, from the
// attendance journal. Municipal acts modelled on them differ on absences:
// some (for example the «О некоторых мерах правового регулирования
// вопросов, связанных с оказанием муниципальной услуги «Реализация
// дополнительных общеразвивающих программ» в соответствии с социальными
// сертификатами» of Пучежский район, Ивановская область, 03.08.2023
// № 400-п, and its kin) also pay absences for a valid reason — illness
// with a note, a competition. So a lesson attended always counts, an
// absence for a valid reason only where the region says so, and by
// default it does not: the stricter reading pays for no lesson not held.
type HoursRule struct {
	AbsentValidCounts bool
}

// Counts reports whether a mark counts as hours given.
func (r HoursRule) Counts(m Mark) bool {
	return m == MarkPresent || (m == MarkAbsentValid && r.AbsentValidCounts)
}

// AcademicHour is the length of one hour of a program's volume.
const AcademicHour = 45 * time.Minute

// LessonHours is the volume of one lesson of a schedule row: its length
// in academic hours of 45 minutes, rounded to the hundredth (90 minutes
// is 2 hours, 40 minutes 0.89). Programs count their volume in academic
// hours (СанПиН 1.2.3685-21 and the programs' own curricula), so a
// lesson's share of a module's hours is measured in them too. A row
// whose times do not parse gives nothing.
func LessonHours(r ScheduleRow) Hours {
	start, ok1 := clockMinutes(r.Start)
	end, ok2 := clockMinutes(r.End)
	if !ok1 || !ok2 || end <= start {
		return 0
	}
	minutes := int64(end - start)
	return Hours((minutes*100*2 + 45) / 90) // minutes/45 hours, in hundredths, rounded half up
}

func clockMinutes(s string) (int, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}

// Lesson is one day a group meets: all its schedule rows of that weekday
// are one lesson in the journal, their hours summed.
type Lesson struct {
	On    Date  `json:"date"`
	Hours Hours `json:"hours"`
}

// LessonOn is the lesson of a group on a day, if it meets then: the day's
// weekday is in the schedule and the day within the group's dates.
func LessonOn(schedule []ScheduleRow, starts, ends, on Date) (Lesson, bool) {
	if on.Before(starts) || ends.Before(on) {
		return Lesson{}, false
	}
	wd := int(on.Time().Weekday())
	if wd == 0 {
		wd = 7
	}
	l := Lesson{On: on}
	found := false
	for _, r := range schedule {
		if r.Weekday == wd {
			l.Hours += LessonHours(r)
			found = true
		}
	}
	return l, found
}

// LessonsBetween are the group's lessons from one day to another.
func LessonsBetween(schedule []ScheduleRow, starts, ends, from, to Date) []Lesson {
	var out []Lesson
	for d := from; !to.Before(d); d = DateOf(d.Time().AddDate(0, 0, 1)) {
		if l, ok := LessonOn(schedule, starts, ends, d); ok {
			out = append(out, l)
		}
	}
	return out
}

// AttendanceEntry is one child's mark at a lesson, as written.
type AttendanceEntry struct {
	ChildID int64 `json:"child_id"`
	Mark    Mark  `json:"mark"`
}

// CheckAttendanceEntries refuses marks that are not marks and a child
// named twice, next to the entry.
func CheckAttendanceEntries(entries []AttendanceEntry) error {
	var f Fields
	if len(entries) == 0 {
		f.Add("entries", "required", "Отметьте хотя бы одного ребёнка.")
	}
	seen := map[int64]bool{}
	for i, e := range entries {
		field := "entries[" + strconv.Itoa(i) + "]"
		if !e.Mark.Valid() {
			f.Add(field+".mark", "invalid", "Выберите отметку: «Присутствовал», «Отсутствовал по уважительной причине» или «Отсутствовал».")
		}
		if seen[e.ChildID] {
			f.Add(field+".child_id", "duplicate", "Этот ребёнок уже отмечен на этом занятии.")
		}
		seen[e.ChildID] = true
	}
	return f.Err()
}

// AttendanceRefusal is the refusal of a journal's day with its code.
func AttendanceRefusal(code, message string) *Error {
	return &Error{Kind: KindInvalid, Code: code, Message: message, Fields: []FieldError{{Field: "date", Code: code, Message: message}}}
}
