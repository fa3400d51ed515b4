package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"navigator"
	"navigator/internal/service"
)

// providerProgramsView is the provider's «Программы».
type providerProgramsView struct {
	Programs   []navigator.Program
	Form       *form
	Directions []navigator.Direction
}

func (s *Server) pageProviderPrograms(w http.ResponseWriter, r *http.Request) {
	s.renderProviderPrograms(w, r, http.StatusOK, newForm())
}

func (s *Server) renderProviderPrograms(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ps, err := s.svc.ProviderPrograms(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, status, "admin_programs.html", "Программы", providerProgramsView{Programs: ps, Form: f, Directions: s.directions(r.Context())})
}

func (s *Server) pageProviderCreateProgram(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "title", "description", "direction", "age_from", "age_to", "registry", "price_per_month", "normative_cost", "address")
	from, _ := strconv.Atoi(f.Values["age_from"])
	to, _ := strconv.Atoi(f.Values["age_to"])
	in := navigator.ProgramInput{Title: f.Values["title"], Description: f.Values["description"], Direction: f.Values["direction"],
		AgeFrom: from, AgeTo: to, Registry: navigator.Registry(f.Values["registry"]), Address: f.Values["address"]}
	in.PricePerMonth, in.NormativeCost = f.money("price_per_month"), f.money("normative_cost")
	if len(f.Errors) == 0 {
		p, err := s.svc.CreateProgram(r.Context(), actorOf(r), in)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", p.ID), http.StatusSeeOther)
			return
		}
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderProviderPrograms(w, r, http.StatusUnprocessableEntity, f)
}

// providerProgramView is one program with its groups and applications,
// the form that edits it and the form that adds a group.
type providerProgramView struct {
	Program      *navigator.Program
	Applications []service.ProviderApplication
	Form         *form // the new group
	Edit         *form // the program's fields and modules
	Modules      []int // the module rows of Edit: one per module and one empty to add
	Schedule     []int // the schedule rows of the new group
	Directions   []navigator.Direction
}

// scheduleRows is how many weekly lessons the new group's form offers.
const scheduleRows = 3

func (s *Server) pageProviderProgram(w http.ResponseWriter, r *http.Request) {
	s.renderProviderProgram(w, r, http.StatusOK, newForm())
}

func (s *Server) renderProviderProgram(w http.ResponseWriter, r *http.Request, status int, f *form) {
	s.renderProviderProgramEdit(w, r, status, f, nil)
}

// programEditForm is the edit form filled with the program as it is.
func programEditForm(p *navigator.Program) *form {
	f := newForm()
	for k, v := range map[string]string{"title": p.Title, "description": p.Description, "direction": p.Direction,
		"age_from": strconv.Itoa(p.AgeFrom), "age_to": strconv.Itoa(p.AgeTo), "registry": string(p.Registry),
		"form_of_study": string(p.FormOfStudy), "address": p.Address} {
		f.Values[k] = v
	}
	if p.OVZ {
		f.Values["ovz"] = "on"
	}
	for i, m := range p.Modules {
		n := strconv.Itoa(i)
		f.Values["module_id_"+n] = strconv.FormatInt(m.ID, 10)
		f.Values["module_name_"+n] = m.Name
		f.Values["module_hours_"+n] = strconv.Itoa(m.Hours)
		f.Values["module_months_"+n] = strconv.Itoa(m.Months)
		f.Values["module_price_"+n] = m.PricePerMonth.Amount()
		f.Values["module_normative_"+n] = m.NormativeCost.Amount()
		f.Values["module_min_"+n] = strconv.Itoa(m.MinChildren)
		f.Values["module_max_"+n] = strconv.Itoa(m.MaxChildren)
	}
	return f
}

func (s *Server) renderProviderProgramEdit(w http.ResponseWriter, r *http.Request, status int, f, edit *form) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	p, err := s.svc.ProviderProgram(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all, err := s.svc.ProviderApplications(ctx, a, 0, "")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if edit == nil {
		edit = programEditForm(p)
	}
	v := providerProgramView{Program: p, Form: f, Edit: edit, Directions: s.directions(ctx)}
	for i := 0; i <= len(p.Modules); i++ {
		v.Modules = append(v.Modules, i)
	}
	for i := 0; i < scheduleRows; i++ {
		v.Schedule = append(v.Schedule, i)
	}
	for _, app := range all {
		if app.ProgramID == p.ID {
			v.Applications = append(v.Applications, app)
		}
	}
	s.renderAdmin(w, r, status, "admin_program.html", p.Title, v)
}

func (s *Server) pageProviderProgramStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	p, err := s.svc.ProviderProgram(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := navigator.ProgramInput{Title: p.Title, Description: p.Description, Direction: p.Direction, AgeFrom: p.AgeFrom, AgeTo: p.AgeTo,
		Registry: p.Registry, FormOfStudy: p.FormOfStudy, OVZ: p.OVZ, Address: p.Address, Modules: p.Modules,
		Status: navigator.ProgramStatus(r.PostFormValue("status"))}
	if _, err := s.svc.UpdateProgram(ctx, a, id, in); err != nil {
		edit := programEditForm(p)
		if !edit.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		edit.Message = "Программу пока нельзя опубликовать: " + strings.TrimSuffix(lowerFirst(navigator.ErrorMessage(err)), ".") + "."
		if len(edit.Errors) > 1 {
			edit.Message = "Программу пока нельзя опубликовать — нужно ещё:"
		}
		s.renderProviderProgramEdit(w, r, statusOfForm(err), newForm(), edit)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", id), http.StatusSeeOther)
}

// lowerFirst lowers a sentence's first letter to go after a colon.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToLower(string(r)) + s[n:]
}

// pageProviderUpdateProgram saves «Изменить программу»: every field and
// the modules with their prices; a mistake is shown next to its field
// and what was typed stays.
func (s *Server) pageProviderUpdateProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	cur, err := s.svc.ProviderProgram(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := []string{"title", "description", "direction", "age_from", "age_to", "registry", "form_of_study", "ovz", "address"}
	for i := 0; i <= len(cur.Modules); i++ {
		n := strconv.Itoa(i)
		for _, k := range []string{"id", "name", "hours", "months", "price", "normative", "min", "max"} {
			names = append(names, "module_"+k+"_"+n)
		}
	}
	f := formFrom(r, names...)
	in := navigator.ProgramInput{Title: f.Values["title"], Description: f.Values["description"], Direction: f.Values["direction"],
		Registry: navigator.Registry(f.Values["registry"]), FormOfStudy: navigator.FormOfStudy(f.Values["form_of_study"]),
		OVZ: f.Values["ovz"] != "", Address: f.Values["address"], Status: cur.Status}
	in.AgeFrom, in.AgeTo = f.number("age_from"), f.number("age_to")
	for i := 0; i <= len(cur.Modules); i++ {
		n := strconv.Itoa(i)
		name := strings.TrimSpace(f.Values["module_name_"+n])
		mid, _ := strconv.ParseInt(f.Values["module_id_"+n], 10, 64)
		if mid == 0 && name == "" {
			continue // the empty row for a new module, left empty
		}
		if name == "" {
			f.Errors["module_name_"+n] = "Назовите модуль, например «1-й год обучения»."
		}
		in.Modules = append(in.Modules, navigator.Module{ID: mid, Name: name, Hours: f.number("module_hours_" + n), Months: f.number("module_months_" + n),
			PricePerMonth: f.money("module_price_" + n), NormativeCost: f.money("module_normative_" + n),
			MinChildren: f.number("module_min_" + n), MaxChildren: f.number("module_max_" + n)})
	}
	if len(f.Errors) == 0 {
		if _, err := s.svc.UpdateProgram(ctx, a, id, in); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", id), http.StatusSeeOther)
			return
		} else if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderProviderProgramEdit(w, r, http.StatusUnprocessableEntity, newForm(), f)
}

func (s *Server) pageProviderAddGroup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := []string{"name", "capacity", "starts_on", "ends_on", "teacher"}
	for i := 0; i < scheduleRows; i++ {
		n := strconv.Itoa(i)
		names = append(names, "weekday_"+n, "start_"+n, "end_"+n, "room_"+n)
	}
	f := formFrom(r, names...)
	capacity, _ := strconv.Atoi(f.Values["capacity"])
	in := navigator.GroupInput{Name: f.Values["name"], Capacity: capacity, Teacher: f.Values["teacher"]}
	in.StartsOn, _ = navigator.ParseDate(f.Values["starts_on"])
	in.EndsOn, _ = navigator.ParseDate(f.Values["ends_on"])
	for i := 0; i < scheduleRows; i++ {
		n := strconv.Itoa(i)
		if strings.TrimSpace(f.Values["start_"+n]) == "" && strings.TrimSpace(f.Values["end_"+n]) == "" {
			continue // a row left empty
		}
		weekday, _ := strconv.Atoi(f.Values["weekday_"+n])
		in.Schedule = append(in.Schedule, navigator.ScheduleRow{Weekday: weekday, Start: f.Values["start_"+n], End: f.Values["end_"+n], Room: f.Values["room_"+n]})
	}
	if _, err := s.svc.CreateGroup(r.Context(), actorOf(r), id, in); err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderProviderProgram(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", id), http.StatusSeeOther)
}

// pageProviderCertification sends a program for certification.
func (s *Server) pageProviderCertification(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.SendForCertification(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=certification", id), http.StatusSeeOther)
}
