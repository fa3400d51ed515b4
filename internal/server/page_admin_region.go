package server

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"navigator"
	"navigator/internal/service"
)

// The regional admin's reference data: municipalities, directions and
// periods.

// municipalitiesView is «Муниципалитеты»: the list, the form that adds
// one, and the form of the one being changed.
type municipalitiesView struct {
	Municipalities []navigator.Municipality
	Add            *form
	EditID         int64
	Edit           *form
}

func (s *Server) pageMunicipalities(w http.ResponseWriter, r *http.Request) {
	s.renderMunicipalities(w, r, http.StatusOK, municipalitiesView{Add: newForm()})
}

func (s *Server) renderMunicipalities(w http.ResponseWriter, r *http.Request, status int, v municipalitiesView) {
	ms, err := s.svc.Municipalities(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Municipalities = ms
	if v.Edit == nil {
		v.Edit = newForm()
	}
	s.renderAdmin(w, r, status, "admin_municipalities.html", "Муниципалитеты", v)
}

func (s *Server) pageAddMunicipality(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "code", "name")
	m := &navigator.Municipality{Code: strings.TrimSpace(f.Values["code"]), Name: strings.TrimSpace(f.Values["name"])}
	if err := s.svc.AddMunicipality(r.Context(), actorOf(r), m); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderMunicipalities(w, r, statusOfForm(err), municipalitiesView{Add: f})
		return
	}
	http.Redirect(w, r, "/admin/municipalities?done=municipality_add", http.StatusSeeOther)
}

func (s *Server) pageSaveMunicipality(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "code", "name")
	m := &navigator.Municipality{ID: id, Code: strings.TrimSpace(f.Values["code"]), Name: strings.TrimSpace(f.Values["name"])}
	if err := s.svc.UpdateMunicipality(r.Context(), actorOf(r), m); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderMunicipalities(w, r, statusOfForm(err), municipalitiesView{Add: newForm(), EditID: id, Edit: f})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/municipalities?done=municipality_save#m-%d", id), http.StatusSeeOther)
}

// directionsView is «Направленности»: each with its current and old
// names; the rename forms for the regional admin.
type directionsView struct {
	Directions []service.DirectionNames
	CanRename  bool
	EditCode   string
	Edit       *form
}

func (s *Server) pageDirections(w http.ResponseWriter, r *http.Request) {
	s.renderDirections(w, r, http.StatusOK, "", newForm())
}

func (s *Server) renderDirections(w http.ResponseWriter, r *http.Request, status int, code string, f *form) {
	a := actorOf(r)
	ds, err := s.svc.Directions(r.Context(), a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, status, "admin_directions.html", "Направленности",
		directionsView{Directions: ds, CanRename: a.Can(navigator.PermRunRegion), EditCode: code, Edit: f})
}

func (s *Server) pageRenameDirection(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	f := formFrom(r, "name")
	if err := s.svc.RenameDirection(r.Context(), actorOf(r), code, f.Values["name"]); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderDirections(w, r, statusOfForm(err), code, f)
		return
	}
	http.Redirect(w, r, "/admin/directions?done=direction_renamed#d-"+code, http.StatusSeeOther)
}

// periodsView is «Периоды» with the form of a new period, or one
// period's form.
type periodsView struct {
	Periods   []service.PeriodRow
	CanChange bool
	Period    *service.PeriodRow // the one being changed; nil: the list
	Form      *form
}

var periodFields = []string{"name", "starts_on", "ends_on", "enrollment_opens_at", "enrollment_ends_at"}

// dateTimeInput is the layout of <input type="datetime-local">.
const dateTimeInput = "2006-01-02T15:04"

func periodForm(p *service.PeriodRow) *form {
	f := newForm()
	f.Values = map[string]string{"name": p.Name, "starts_on": p.StartsOn.String(), "ends_on": p.EndsOn.String()}
	if p.EnrollmentOpensAt != nil {
		f.Values["enrollment_opens_at"] = p.EnrollmentOpensAt.In(navigator.Zone).Format(dateTimeInput)
	}
	if p.EnrollmentEndsAt != nil {
		f.Values["enrollment_ends_at"] = p.EnrollmentEndsAt.In(navigator.Zone).Format(dateTimeInput)
	}
	return f
}

// period reads a period from the form: dates as a date input sends them
// or typed «ДД.ММ.ГГГГ», times in the region's zone.
func (f *form) period(id int64) *service.PeriodRow {
	p := &service.PeriodRow{ID: id, Name: f.Values["name"]}
	for name, dst := range map[string]*navigator.Date{"starts_on": &p.StartsOn, "ends_on": &p.EndsOn} {
		if v := strings.TrimSpace(f.Values[name]); v != "" {
			d, err := navigator.ParseDate(v)
			if err != nil {
				f.Errors[name] = "Дата — в виде ДД.ММ.ГГГГ."
			}
			*dst = d
		}
	}
	for name, dst := range map[string]**time.Time{"enrollment_opens_at": &p.EnrollmentOpensAt, "enrollment_ends_at": &p.EnrollmentEndsAt} {
		v := strings.TrimSpace(f.Values[name])
		if v == "" {
			continue
		}
		var t time.Time
		var err error
		for _, layout := range []string{dateTimeInput, "02.01.2006 15:04", "2006-01-02 15:04"} {
			if t, err = time.ParseInLocation(layout, v, navigator.Zone); err == nil {
				break
			}
		}
		if err != nil {
			f.Errors[name] = "Дата и время — в виде ДД.ММ.ГГГГ ЧЧ:ММ."
			continue
		}
		*dst = &t
	}
	return p
}

func (s *Server) pagePeriods(w http.ResponseWriter, r *http.Request) {
	s.renderPeriods(w, r, http.StatusOK, 0, nil)
}

func (s *Server) pagePeriod(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderPeriods(w, r, http.StatusOK, id, nil)
}

// renderPeriods shows the list (id 0) or one period's form.
func (s *Server) renderPeriods(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) {
	a := actorOf(r)
	ps, err := s.svc.Periods(r.Context(), a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := periodsView{Periods: ps, CanChange: a.Can(navigator.PermRunRegion), Form: f}
	title := "Периоды"
	if id != 0 {
		for i := range ps {
			if ps[i].ID == id {
				v.Period = &ps[i]
			}
		}
		if v.Period == nil {
			s.pageError(w, r, navigator.NotFound("Период не найден."))
			return
		}
		title = "Период «" + v.Period.Name + "»"
		if v.Form == nil {
			v.Form = periodForm(v.Period)
		}
	}
	if v.Form == nil {
		v.Form = newForm()
	}
	s.renderAdmin(w, r, status, "admin_periods.html", title, v)
}

func (s *Server) pageSavePeriod(w http.ResponseWriter, r *http.Request) {
	id, err := optionalID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, periodFields...)
	p := f.period(id)
	status := http.StatusUnprocessableEntity
	if len(f.Errors) == 0 {
		err := s.svc.SavePeriod(r.Context(), actorOf(r), p)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/periods?done=period_saved#p-%d", p.ID), http.StatusSeeOther)
			return
		}
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		status = statusOfForm(err)
	}
	s.renderPeriods(w, r, status, id, f)
}
