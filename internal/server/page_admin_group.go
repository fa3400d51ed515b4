package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"navigator"
)

// groupEditView is «Изменить группу»: the group's name, seats, whether
// it takes applications, and its weekly lessons.
type groupEditView struct {
	Program  *navigator.Program
	Group    navigator.Group
	Form     *form
	Schedule []int
}

// groupRows is how many lessons the group's form offers: its own and two
// more to add.
func groupRows(g navigator.Group) int { return max(len(g.Schedule)+2, scheduleRows) }

func (s *Server) pageProviderGroup(w http.ResponseWriter, r *http.Request) {
	s.renderProviderGroup(w, r, http.StatusOK, nil)
}

// providerGroup finds the program and its group named in the path.
func (s *Server) providerGroup(r *http.Request) (*navigator.Program, navigator.Group, error) {
	pid, err := pathID(r, "id")
	if err != nil {
		return nil, navigator.Group{}, err
	}
	gid, err := pathID(r, "group")
	if err != nil {
		return nil, navigator.Group{}, err
	}
	p, err := s.svc.ProviderProgram(r.Context(), actorOf(r), pid)
	if err != nil {
		return nil, navigator.Group{}, err
	}
	for _, g := range p.Groups {
		if g.ID == gid {
			return p, g, nil
		}
	}
	return nil, navigator.Group{}, navigator.NotFound("Группа не найдена.")
}

func (s *Server) renderProviderGroup(w http.ResponseWriter, r *http.Request, status int, f *form) {
	p, g, err := s.providerGroup(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
		f.Values["name"], f.Values["capacity"] = g.Name, strconv.Itoa(g.Capacity)
		if g.Accepting {
			f.Values["accepting"] = "on"
		}
		for i, l := range g.Schedule {
			n := strconv.Itoa(i)
			f.Values["weekday_"+n], f.Values["start_"+n], f.Values["end_"+n], f.Values["room_"+n] = strconv.Itoa(l.Weekday), l.Start, l.End, l.Room
		}
	}
	v := groupEditView{Program: p, Group: g, Form: f}
	for i := 0; i < groupRows(g); i++ {
		v.Schedule = append(v.Schedule, i)
	}
	s.renderAdmin(w, r, status, "admin_group.html", g.Name, v)
}

// pageProviderUpdateGroup saves «Изменить группу». Fewer seats than are
// taken is refused next to the field; more seats move the wait list up.
func (s *Server) pageProviderUpdateGroup(w http.ResponseWriter, r *http.Request) {
	p, g, err := s.providerGroup(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := []string{"name", "capacity", "accepting"}
	for i := 0; i < groupRows(g); i++ {
		n := strconv.Itoa(i)
		names = append(names, "weekday_"+n, "start_"+n, "end_"+n, "room_"+n)
	}
	f := formFrom(r, names...)
	capacity, err := strconv.Atoi(strings.TrimSpace(f.Values["capacity"]))
	if err != nil || capacity < 1 {
		f.Errors["capacity"] = "Число мест — целое число больше нуля."
	}
	accepting := f.Values["accepting"] != ""
	in := navigator.GroupInput{Name: f.Values["name"], Capacity: capacity, Accepting: &accepting, Schedule: []navigator.ScheduleRow{}}
	for i := 0; i < groupRows(g); i++ {
		n := strconv.Itoa(i)
		if strings.TrimSpace(f.Values["start_"+n]) == "" && strings.TrimSpace(f.Values["end_"+n]) == "" {
			continue
		}
		wd, _ := strconv.Atoi(f.Values["weekday_"+n])
		in.Schedule = append(in.Schedule, navigator.ScheduleRow{Weekday: wd, Start: f.Values["start_"+n], End: f.Values["end_"+n], Room: f.Values["room_"+n]})
	}
	if len(in.Schedule) == 0 {
		f.Errors["start_0"] = "Укажите хотя бы одно занятие в неделю: день, начало и окончание."
	}
	if len(f.Errors) == 0 {
		err := s.svc.UpdateGroup(r.Context(), actorOf(r), g.ID, in)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", p.ID), http.StatusSeeOther)
			return
		}
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		var e *navigator.Error
		if asError(err, &e) && e.Code == "capacity" {
			f.Errors["capacity"], f.Message = e.Message, ""
		}
	}
	s.renderProviderGroup(w, r, http.StatusUnprocessableEntity, f)
}
