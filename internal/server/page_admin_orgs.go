package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"navigator"
)

// orgListView is «Организации».
type orgListView struct {
	Organizations  []navigator.Organization
	Municipalities []navigator.Municipality // the regional admin's filter
	MunicipalityID int64
	Names          map[int64]string
}

func (s *Server) pageOrganizations(w http.ResponseWriter, r *http.Request) {
	ctx, a := r.Context(), actorOf(r)
	mun, _ := strconv.ParseInt(r.URL.Query().Get("municipality_id"), 10, 64)
	orgs, err := s.svc.Organizations(ctx, a, mun)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := orgListView{Organizations: orgs, MunicipalityID: mun, Names: map[int64]string{}}
	if a.SeesWholeRegion() {
		if v.Municipalities, err = s.svc.PublicMunicipalities(ctx); err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, m := range v.Municipalities {
			v.Names[m.ID] = m.Name
		}
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_orgs.html", "Организации", v)
}

// personRows is how many rows of responsible persons the form offers
// beyond those already filled in.
const personRows = 3

var orgFields = []string{"municipality_id", "name", "short_name", "type", "inn", "address", "phone", "email", "website", "schedule",
	"is_provider", "is_certificate_office"}

// orgView is the form of one organization.
type orgView struct {
	ID             int64
	Form           *form
	Types          []string
	Persons        []int // row numbers of the responsible persons
	Municipalities []navigator.Municipality
}

func personField(name string, i int) string { return fmt.Sprintf("person_%s_%d", name, i) }

// orgForm fills the form from an organization.
func orgForm(o *navigator.Organization) *form {
	f := newForm()
	f.Values = map[string]string{"municipality_id": strconv.FormatInt(o.MunicipalityID, 10), "name": o.Name, "short_name": o.ShortName,
		"type": o.Type, "inn": o.INN, "address": o.Address, "phone": navigator.FormatPhone(o.Phone), "email": o.Email,
		"website": o.Website, "schedule": o.Schedule, "is_provider": boolValue(o.IsProvider),
		"is_certificate_office": boolValue(o.IsCertificateOffice)}
	for i, p := range o.Responsible {
		f.Values[personField("name", i)], f.Values[personField("position", i)] = p.FullName, p.Position
		f.Values[personField("phone", i)], f.Values[personField("email", i)] = navigator.FormatPhone(p.Phone), p.Email
	}
	return f
}

// orgFromForm reads the organization typed; empty person rows are left
// out.
func orgFromForm(r *http.Request, id int64) (*navigator.Organization, *form) {
	f := formFrom(r, orgFields...)
	mun, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	o := &navigator.Organization{ID: id, MunicipalityID: mun, Name: strings.TrimSpace(f.Values["name"]),
		ShortName: strings.TrimSpace(f.Values["short_name"]), Type: f.Values["type"], INN: strings.TrimSpace(f.Values["inn"]),
		Address: strings.TrimSpace(f.Values["address"]), Phone: strings.TrimSpace(f.Values["phone"]), Email: strings.TrimSpace(f.Values["email"]),
		Website: strings.TrimSpace(f.Values["website"]), Schedule: strings.TrimSpace(f.Values["schedule"]),
		IsProvider: f.Values["is_provider"] != "", IsCertificateOffice: f.Values["is_certificate_office"] != "",
		Responsible: []navigator.Person{}}
	for i := 0; i < 50; i++ {
		if _, posted := r.PostForm[personField("name", i)]; !posted {
			break
		}
		p := navigator.Person{}
		for name, dst := range map[string]*string{"name": &p.FullName, "position": &p.Position, "phone": &p.Phone, "email": &p.Email} {
			v := r.PostFormValue(personField(name, i))
			f.Values[personField(name, i)] = v
			*dst = strings.TrimSpace(v)
		}
		if p != (navigator.Person{}) {
			o.Responsible = append(o.Responsible, p)
		}
	}
	return o, f
}

func (s *Server) pageOrganizationNew(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayManageOrganizations(actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.Values["is_provider"] = "on"
	s.renderOrganization(w, r, http.StatusOK, 0, f)
}

func (s *Server) pageOrganization(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	o, err := s.svc.Organization(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderOrganization(w, r, http.StatusOK, id, orgForm(o))
}

func (s *Server) renderOrganization(w http.ResponseWriter, r *http.Request, status int, id int64, f *form) {
	ctx, a := r.Context(), actorOf(r)
	v := orgView{ID: id, Form: f, Types: navigator.OrganizationTypes}
	filled := 0
	for i := range 50 {
		for _, name := range []string{"name", "position", "phone", "email"} {
			if f.Values[personField(name, i)] != "" {
				filled = i + 1
			}
		}
	}
	for i := range filled + personRows {
		v.Persons = append(v.Persons, i)
	}
	if id == 0 && a.SeesWholeRegion() {
		ms, err := s.svc.PublicMunicipalities(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Municipalities = ms
	}
	title := "Новая организация"
	if id != 0 {
		title = "Организация"
	}
	s.renderAdmin(w, r, status, "admin_org.html", title, v)
}

func (s *Server) pageSaveOrganization(w http.ResponseWriter, r *http.Request) {
	id, err := optionalID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, navigator.Errorf(navigator.KindMalformed, "Форма не прочитана."))
		return
	}
	o, f := orgFromForm(r, id)
	if err := s.svc.SaveOrganization(r.Context(), actorOf(r), o); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderOrganization(w, r, statusOfForm(err), id, f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/organizations/%d?done=org_saved", o.ID), http.StatusSeeOther)
}
