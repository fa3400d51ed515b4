package navigator_test

import (
	"testing"

	"navigator"
)

func TestLessonHours(t *testing.T) {
	for _, c := range []struct {
		start, end string
		want       navigator.Hours
	}{
		{"10:00", "10:45", 100},
		{"10:00", "11:30", 200},
		{"10:00", "10:40", 89},
		{"16:00", "17:00", 133},
		{"10:00", "10:00", 0},
		{"10:00", "9:00", 0},
		{"x", "10:00", 0},
	} {
		if got := navigator.LessonHours(navigator.ScheduleRow{Start: c.start, End: c.end}); got != c.want {
			t.Errorf("%s–%s: %v, want %v", c.start, c.end, got, c.want)
		}
	}
}

func TestLessonOn(t *testing.T) {
	schedule := []navigator.ScheduleRow{{Weekday: 1, Start: "10:00", End: "10:45"}, {Weekday: 1, Start: "11:00", End: "11:45"}, {Weekday: 3, Start: "10:00", End: "11:30"}}
	starts, ends := navigator.NewDate(2026, 9, 1), navigator.NewDate(2026, 9, 30)
	for _, c := range []struct {
		on    navigator.Date
		ok    bool
		hours navigator.Hours
	}{
		{navigator.NewDate(2026, 9, 7), true, 200}, // Monday: two rows, one lesson
		{navigator.NewDate(2026, 9, 9), true, 200}, // Wednesday
		{navigator.NewDate(2026, 9, 8), false, 0},  // Tuesday
		{navigator.NewDate(2026, 8, 31), false, 0}, // a Monday before the group's start
		{navigator.NewDate(2026, 10, 5), false, 0}, // a Monday after its end
	} {
		l, ok := navigator.LessonOn(schedule, starts, ends, c.on)
		if ok != c.ok || l.Hours != c.hours {
			t.Errorf("%s: %v %v, want %v %v", c.on, ok, l.Hours, c.ok, c.hours)
		}
	}
	if n := len(navigator.LessonsBetween(schedule, starts, ends, starts, ends)); n != 9 {
		t.Errorf("September 2026 has %d lessons on Mondays and Wednesdays, want 9", n)
	}
}

func TestGivenHours(t *testing.T) {
	lessons := []navigator.MarkedLesson{{navigator.MarkPresent, 200}, {navigator.MarkPresent, 200}, {navigator.MarkPresent, 200},
		{navigator.MarkAbsentValid, 200}, {navigator.MarkAbsent, 200}}
	for _, c := range []struct {
		rule    navigator.HoursRule
		monthly navigator.Hours
		want    navigator.Hours
	}{
		{navigator.HoursRule{}, 10000, 600},
		{navigator.HoursRule{AbsentValidCounts: true}, 10000, 800},
		{navigator.HoursRule{AbsentValidCounts: true}, 700, 700},
	} {
		if got := navigator.GivenHours(lessons, c.rule, c.monthly); got != c.want {
			t.Errorf("%+v, at most %v: %v, want %v", c.rule, c.monthly, got, c.want)
		}
	}
}

func TestCheckReportMonth(t *testing.T) {
	today := navigator.NewDate(2026, 10, 15)
	for month, code := range map[string]string{"2026-09": "", "2025-12": "", "2026-10": "month_open", "2026-11": "future", "2026-9": "format", "сентябрь": "format"} {
		err := navigator.CheckReportMonth(month, today)
		var got string
		if err != nil {
			got = "?"
			if e, ok := err.(*navigator.Error); ok && len(e.Fields) == 1 {
				got = e.Fields[0].Code
			}
		}
		if got != code {
			t.Errorf("%s: %q, want %q", month, got, code)
		}
	}
}
