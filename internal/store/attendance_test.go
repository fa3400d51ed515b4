package store_test

import (
	"context"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
)

// pastMonthWorld is a social contract that started last month in a group
// meeting on Mondays and Wednesdays for 90 minutes (2 academic hours),
// the group running from two months ago to two months ahead, and a
// second family's child with no contract.
type pastMonthWorld struct {
	*socialFixture
	contract, child, stranger int64
	staff                     int64
	first, last               navigator.Date // last month
	lessons                   []navigator.Date
	monthly                   navigator.Hours
}

func newPastMonthWorld(t *testing.T, db *store.DB) *pastMonthWorld {
	t.Helper()
	ctx := context.Background()
	f := newSocialFixture(t, db, 2, 3)
	w := &pastMonthWorld{socialFixture: f, child: f.fams[0].ChildID, stranger: f.fams[1].ChildID}
	id, _, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: f.fams[0].SiteUserID, ChildID: w.child, GroupID: f.group})
	must(t, err)
	_, err = db.AcceptApplication(ctx, id, f.org, 0, nil)
	must(t, err)
	k, err := db.AcceptContractOffer(ctx, f.fams[0].SiteUserID, id, "127.0.0.1", nil)
	must(t, err)
	w.contract, w.monthly = k.ID, k.HoursMonthly
	now := db.Now().In(navigator.Zone)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	w.first = navigator.DateOf(thisMonth.AddDate(0, -1, 0))
	w.last = navigator.EndOfMonth(w.first)
	groupStarts := navigator.DateOf(thisMonth.AddDate(0, -2, 0))
	groupEnds := navigator.DateOf(now.AddDate(0, 2, 0))
	must(t, db.Update(ctx, func(tx *store.Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE groups SET starts_on = ?, ends_on = ? WHERE id = ?", []any{groupStarts, groupEnds, f.group}},
			{"DELETE FROM group_schedule WHERE group_id = ?", []any{f.group}},
			{"INSERT INTO group_schedule (group_id, weekday, starts_at, ends_at) VALUES (?, 1, '10:00', '11:30'), (?, 3, '10:00', '11:30')", []any{f.group, f.group}},
			{"UPDATE contracts SET starts_on = ? WHERE id = ?", []any{w.first, w.contract}},
		} {
			if _, err := tx.Exec(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		return tx.QueryRow(ctx, "SELECT id FROM staff WHERE email = 'provider@demo.example.ru'").Scan(&w.staff)
	}))
	for d := w.first; !w.last.Before(d); d = navigator.DateOf(d.Time().AddDate(0, 0, 1)) {
		if wd := d.Time().Weekday(); wd == time.Monday || wd == time.Wednesday {
			w.lessons = append(w.lessons, d)
		}
	}
	return w
}

func (w *pastMonthWorld) marks(on navigator.Date, entries ...navigator.AttendanceEntry) store.DayMarks {
	return store.DayMarks{GroupID: w.group, OrganizationID: w.org, StaffID: w.staff, On: on, Entries: entries}
}

func countAttendance(t *testing.T, db *store.DB, group int64) int {
	t.Helper()
	var n int
	must(t, db.View(context.Background(), func(tx *store.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT COUNT(*) FROM attendance WHERE group_id = ?", group).Scan(&n)
	}))
	return n
}

// TestAttendanceRefusals: a day that is no lesson, a lesson still ahead,
// a child without a contract that day (none at all, before its start,
// after its end) and another provider's group are refused, and nothing
// of the day is written, not even the entries that were right.
func TestAttendanceRefusals(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPastMonthWorld(t, db)
		present := navigator.AttendanceEntry{ChildID: w.child, Mark: navigator.MarkPresent}
		lesson := w.lessons[len(w.lessons)-1]
		tuesday := navigator.DateOf(w.lessons[0].Time().AddDate(0, 0, 1))
		if tuesday.Time().Weekday() == time.Thursday {
			tuesday = navigator.DateOf(w.lessons[0].Time().AddDate(0, 0, -1))
		}
		today := navigator.Today(db.Now())
		future := navigator.DateOf(today.Time().AddDate(0, 0, 1))
		for future.Time().Weekday() != time.Monday {
			future = navigator.DateOf(future.Time().AddDate(0, 0, 1))
		}
		beforeStart := navigator.DateOf(w.first.Time().AddDate(0, 0, -1))
		for wd := beforeStart.Time().Weekday(); wd != time.Monday && wd != time.Wednesday; wd = beforeStart.Time().Weekday() {
			beforeStart = navigator.DateOf(beforeStart.Time().AddDate(0, 0, -1))
		}
		for _, c := range []struct {
			name string
			in   store.DayMarks
			code string
		}{
			{"a day the group does not meet", w.marks(tuesday, present), "not_a_lesson"},
			{"a lesson after the group's end", w.marks(navigator.DateOf(today.Time().AddDate(0, 3, 0)), present), "not_a_lesson"},
			{"a lesson still ahead", w.marks(future, present), "future"},
			{"a child with no contract in the group", w.marks(lesson, present, navigator.AttendanceEntry{ChildID: w.stranger, Mark: navigator.MarkAbsent}), "not_enrolled"},
			{"a lesson before the contract's start", w.marks(beforeStart, present), "not_enrolled"},
			{"a mark that is no mark", w.marks(lesson, navigator.AttendanceEntry{ChildID: w.child, Mark: "late"}), ""},
			{"another provider's group", store.DayMarks{GroupID: w.group, OrganizationID: w.org + 100000, On: lesson, Entries: []navigator.AttendanceEntry{present}}, ""},
		} {
			_, err := db.PutAttendance(ctx, c.in, nil)
			if err == nil || codeOf(err) != c.code {
				t.Errorf("%s: %v (code %q), want the code %q", c.name, err, codeOf(err), c.code)
			}
			if n := countAttendance(t, db, w.group); n != 0 {
				t.Fatalf("%s: %d marks written", c.name, n)
			}
		}
		// After the contract's end.
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE contracts SET ended_on = ? WHERE id = ?", w.lessons[0], w.contract)
			return err
		}))
		if _, err := db.PutAttendance(ctx, w.marks(w.lessons[1], present), nil); codeOf(err) != "not_enrolled" {
			t.Fatalf("a lesson after the contract's end: %v", err)
		}
		day, err := db.PutAttendance(ctx, w.marks(w.lessons[0], present), nil)
		must(t, err)
		if day.Hours != navigator.WholeHours(2) || len(day.Entries) != 1 || day.Entries[0].Mark != navigator.MarkPresent {
			t.Fatalf("the contract's last day: %+v", day)
		}
	})
}

// TestExecutorReport: a month of 3 lessons attended, 1 missed for a valid
// reason and 1 missed gives 6 hours with the region's setting off and 8
// with it on (2 academic hours a lesson, at most the contract's hours a
// month); a month reported twice is report_exists, a future or running
// month refused; accepting charges the certificate's hours once however
// often the charge runs; a reported month's journal is closed.
func TestExecutorReport(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newPastMonthWorld(t, db)
		if len(w.lessons) < 5 {
			t.Fatalf("last month has %d lessons", len(w.lessons))
		}
		marks := []navigator.Mark{navigator.MarkPresent, navigator.MarkPresent, navigator.MarkAbsentValid, navigator.MarkPresent, navigator.MarkAbsent}
		for i, m := range marks {
			_, err := db.PutAttendance(ctx, w.marks(w.lessons[i], navigator.AttendanceEntry{ChildID: w.child, Mark: m}), nil)
			must(t, err)
		}
		// Marking a day again changes its mark, not the count of marks.
		_, err := db.PutAttendance(ctx, w.marks(w.lessons[4], navigator.AttendanceEntry{ChildID: w.child, Mark: navigator.MarkAbsent}), nil)
		must(t, err)
		j, err := db.AttendanceMonth(ctx, w.group, w.first.String()[:7])
		must(t, err)
		if len(j.Lessons) != len(w.lessons) || len(j.Children) != 1 || j.Children[0].AgreementNumber == "" || j.Lessons[2].Entries[0].Mark != navigator.MarkAbsentValid {
			t.Fatalf("the month's journal: %d lessons, children %+v", len(j.Lessons), j.Children)
		}
		month := w.first.String()[:7]
		off, on := navigator.HoursRule{}, navigator.HoursRule{AbsentValidCounts: true}
		want := func(h int64) navigator.Hours { return navigator.MinHours(navigator.WholeHours(h), w.monthly) }
		newReport := func(rule navigator.HoursRule) (*store.ExecutorReport, error) {
			return db.CreateExecutorReport(ctx, store.NewReport{OrganizationID: w.org, MunicipalityID: w.mun, Month: month, StaffID: w.staff, Rule: rule}, nil)
		}
		r, err := newReport(off)
		must(t, err)
		if len(r.Lines) != 1 || r.Lines[0].Hours != want(6) || r.Lines[0].Amount != want(6).Cost(navigator.Rubles(150)) || r.TotalHours != want(6) || r.Status != navigator.ReportDraft {
			t.Fatalf("the setting off: %+v", r)
		}
		if _, err := newReport(off); codeOf(err) != "report_exists" {
			t.Fatalf("a second report of the month: %v", err)
		}
		for m, code := range map[string]string{navigator.Today(db.Now()).String()[:7]: "month_open", navigator.DateOf(db.Now().AddDate(0, 2, 0)).String()[:7]: "future"} {
			_, err := db.CreateExecutorReport(ctx, store.NewReport{OrganizationID: w.org, MunicipalityID: w.mun, Month: m, Rule: off}, nil)
			if e, ok := err.(*navigator.Error); !ok || len(e.Fields) != 1 || e.Fields[0].Code != code {
				t.Fatalf("month %s: %v, want %s", m, err, code)
			}
		}
		// Submitted with the setting on, the lines are counted again.
		r, err = db.SubmitExecutorReport(ctx, r.ID, w.org, on, nil)
		must(t, err)
		if r.Status != navigator.ReportSubmitted || r.Lines[0].Hours != want(8) {
			t.Fatalf("the setting on: %+v", r)
		}
		if _, err := db.PutAttendance(ctx, w.marks(w.lessons[4], navigator.AttendanceEntry{ChildID: w.child, Mark: navigator.MarkPresent}), nil); codeOf(err) != "reported" {
			t.Fatalf("changing a reported month: %v", err)
		}
		if _, err := db.ReturnExecutorReport(ctx, r.ID, w.mun, w.staff, " ", nil); navigator.ErrorKind(err) != navigator.KindInvalid {
			t.Fatalf("a return without remarks: %v", err)
		}
		if _, err := db.AcceptExecutorReport(ctx, r.ID, w.mun+100000, w.staff, nil); navigator.ErrorKind(err) != navigator.KindNotFound {
			t.Fatalf("another municipality's acceptance: %v", err)
		}
		r, err = db.ReturnExecutorReport(ctx, r.ID, w.mun, w.staff, "Проверьте 3-е занятие", nil)
		must(t, err)
		if r.Status != navigator.ReportReturned || r.Remarks != "Проверьте 3-е занятие" {
			t.Fatalf("returned: %+v", r)
		}
		// A returned month is formed again.
		r, err = newReport(on)
		must(t, err)
		r, err = db.SubmitExecutorReport(ctx, r.ID, w.org, on, nil)
		must(t, err)
		reserveBefore := hoursReserve(t, db, w.child)
		r, err = db.AcceptExecutorReport(ctx, r.ID, w.mun, w.staff, nil)
		must(t, err)
		if r.Status != navigator.ReportAccepted {
			t.Fatalf("accepted: %+v", r)
		}
		if _, err := db.AcceptExecutorReport(ctx, r.ID, w.mun, w.staff, nil); codeOf(err) != "not_submitted" {
			t.Fatalf("accepting twice: %v", err)
		}
		// The charge run again, twice at once and once more, as after a crash.
		done := make(chan int, 2)
		for range 2 {
			go func() {
				n, err := db.ChargeExecutorReport(ctx, r.ID)
				if err != nil {
					t.Error(err)
				}
				done <- n
			}()
		}
		again, err := db.ChargeExecutorReport(ctx, r.ID)
		must(t, err)
		if a, b := <-done, <-done; a+b+again != 0 {
			t.Fatalf("the charge run again charged %d lines", a+b+again)
		}
		var charges int
		var charged navigator.Hours
		must(t, db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger_entries WHERE contract_id = ? AND kind = 'charge' AND unit = 'hour' AND month = ?",
				w.contract, month).Scan(&charges, &charged)
		}))
		if charges != 1 || charged != want(8) || hoursReserve(t, db, w.child) != reserveBefore-want(8) {
			t.Fatalf("%d charges of %v; reserve %v, was %v", charges, charged, hoursReserve(t, db, w.child), reserveBefore)
		}
		if _, err := newReport(on); codeOf(err) != "report_exists" {
			t.Fatalf("a report of an accepted month: %v", err)
		}
		// The monthly charge of roubles leaves contracts in hours alone.
		_, err = db.ChargeMonth(ctx, month)
		must(t, err)
		if hoursReserve(t, db, w.child) != reserveBefore-want(8) {
			t.Fatal("ChargeMonth touched the hours")
		}
	})
}

func hoursReserve(t *testing.T, db *store.DB, child int64) navigator.Hours {
	t.Helper()
	var h navigator.Hours
	must(t, db.View(context.Background(), func(tx *store.Tx) error {
		return tx.QueryRow(context.Background(), "SELECT hours_reserve FROM certificates WHERE child_id = ?", child).Scan(&h)
	}))
	return h
}
