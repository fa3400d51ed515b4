package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/service"
)

// journalView is «Журнал посещаемости» of a group for a month: one form
// per lesson with a choice of mark for each child.
type journalView struct {
	Journal    *service.MonthJournal
	MonthTitle string
	Prev, Next string
	Days       []journalDayView
	Marks      []navigator.Mark
	CanWrite   bool
}

// journalDayView is one lesson: its marks as saved or as just typed.
type journalDayView struct {
	Day    service.JournalDay
	Form   *form
	Ahead  bool // the lesson is still to come
	Saved  bool
	Anchor string
}

func (s *Server) pageAttendance(w http.ResponseWriter, r *http.Request) {
	s.renderAttendance(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderAttendance(w http.ResponseWriter, r *http.Request, status int, failedOn string, failed *form) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	month := r.URL.Query().Get("month")
	today := navigator.Today(s.svc.Now())
	if _, err := navigator.ParseMonth(month); err != nil {
		month = today.String()[:7]
	}
	a := actorOf(r)
	j, err := s.svc.AttendanceMonth(r.Context(), a, id, month)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	first, _ := navigator.ParseMonth(month)
	v := journalView{Journal: j, MonthTitle: navigator.MonthTitle(month), Marks: navigator.Marks, CanWrite: a.Can(navigator.PermRunPrograms),
		Prev: first.Time().AddDate(0, -1, 0).Format("2006-01"), Next: first.Time().AddDate(0, 1, 0).Format("2006-01")}
	for _, d := range j.Lessons {
		dv := journalDayView{Day: d, Form: newForm(), Ahead: today.Before(d.Date), Anchor: "d-" + d.Date.String(), Saved: r.URL.Query().Get("saved") == d.Date.String()}
		if failed != nil && failedOn == d.Date.String() {
			dv.Form = failed
		} else {
			for _, e := range d.Entries {
				dv.Form.Values[markField(e.ChildID)] = string(e.Mark)
			}
		}
		v.Days = append(v.Days, dv)
	}
	s.renderAdmin(w, r, status, "admin_attendance.html", "Журнал посещаемости: "+j.Group, v)
}

func markField(childID int64) string { return "mark_" + strconv.FormatInt(childID, 10) }

// pageSaveAttendance saves one lesson's form. A refusal is shown next to
// the lesson or the child, with the marks as typed.
func (s *Server) pageSaveAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, navigator.Errorf(navigator.KindMalformed, "Форма не прочитана."))
		return
	}
	date := r.PathValue("date")
	f := newForm()
	var entries []navigator.AttendanceEntry
	var children []int64
	for name, vals := range r.PostForm {
		child, ok := strings.CutPrefix(name, "mark_")
		cid, err := strconv.ParseInt(child, 10, 64)
		if !ok || err != nil || len(vals) == 0 {
			continue
		}
		f.Values[name] = vals[0]
		if vals[0] == "" {
			continue
		}
		entries = append(entries, navigator.AttendanceEntry{ChildID: cid, Mark: navigator.Mark(vals[0])})
		children = append(children, cid)
	}
	on, err := navigator.ParseDate(date)
	if err != nil {
		s.pageError(w, r, navigator.NotFound("Занятие не найдено."))
		return
	}
	month := date[:7]
	q := r.URL.Query()
	q.Set("month", month)
	r.URL.RawQuery = q.Encode()
	_, err = s.svc.PutAttendance(r.Context(), actorOf(r), id, on, entries)
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/admin/groups/%d/attendance?%s#d-%s", id, url.Values{"month": {month}, "saved": {date}}.Encode(), date), http.StatusSeeOther)
		return
	}
	if !f.mistake(err) {
		s.pageError(w, r, err)
		return
	}
	// entries[i].… names a child of the form.
	var e *navigator.Error
	if asError(err, &e) {
		for _, fe := range e.Fields {
			var i int
			if _, err := fmt.Sscanf(fe.Field, "entries[%d]", &i); err == nil && i < len(children) {
				f.Errors[markField(children[i])] = fe.Message
				delete(f.Errors, fe.Field)
			}
		}
		if len(e.Fields) > 0 && f.Message == "" {
			f.Message = e.Fields[0].Message
		}
	}
	if len(entries) == 0 {
		f.Message = "Отметьте хотя бы одного ребёнка."
	}
	s.renderAttendance(w, r, http.StatusUnprocessableEntity, date, f)
}
