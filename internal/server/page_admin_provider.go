package server

import (
	"fmt"
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/store"
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
	for name, dst := range map[string]*navigator.Money{"price_per_month": &in.PricePerMonth, "normative_cost": &in.NormativeCost} {
		if v := f.Values[name]; v != "" {
			m, err := navigator.ParseMoney(v)
			if err != nil {
				f.Errors[name] = "Сумма в рублях, например 2500 или 2 500,00."
			}
			*dst = m
		}
	}
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

// providerProgramView is one program with its groups and applications.
type providerProgramView struct {
	Program      *navigator.Program
	Applications []store.ProviderApplication
	Form         *form
}

func (s *Server) pageProviderProgram(w http.ResponseWriter, r *http.Request) {
	s.renderProviderProgram(w, r, http.StatusOK, newForm())
}

func (s *Server) renderProviderProgram(w http.ResponseWriter, r *http.Request, status int, f *form) {
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
	v := providerProgramView{Program: p, Form: f}
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
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/programs/%d?done=saved", id), http.StatusSeeOther)
}

func (s *Server) pageProviderAddGroup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "name", "capacity", "starts_on", "ends_on", "teacher", "weekday", "start", "end", "room")
	capacity, _ := strconv.Atoi(f.Values["capacity"])
	weekday, _ := strconv.Atoi(f.Values["weekday"])
	in := navigator.GroupInput{Name: f.Values["name"], Capacity: capacity, Teacher: f.Values["teacher"]}
	in.StartsOn, _ = navigator.ParseDate(f.Values["starts_on"])
	in.EndsOn, _ = navigator.ParseDate(f.Values["ends_on"])
	if f.Values["start"] != "" {
		in.Schedule = []navigator.ScheduleRow{{Weekday: weekday, Start: f.Values["start"], End: f.Values["end"], Room: f.Values["room"]}}
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
