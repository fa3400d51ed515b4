package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/service"
)

// staffListView is «Сотрудники».
type staffListView struct {
	Query string
	Rows  []service.StaffRow
}

func (s *Server) pageStaffList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	rows, err := s.svc.ListStaff(r.Context(), actorOf(r), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_staff.html", "Сотрудники", staffListView{Query: q, Rows: rows})
}

// staffInviteView is the invitation form with the roles, organizations
// and municipalities the admin may choose from.
type staffInviteView struct {
	Form           *form
	Roles          []navigator.Role
	Organizations  []navigator.Organization
	Municipalities []navigator.Municipality
}

var staffInviteFields = []string{"email", "full_name", "phone", "role", "organization_id", "municipality_id"}

// inviteRoles are the roles the form offers: the service refuses others.
func inviteRoles(a navigator.Actor) []navigator.Role {
	if a.SeesWholeRegion() {
		return navigator.StaffRoles
	}
	return []navigator.Role{navigator.RoleOperator, navigator.RoleProvider}
}

func (s *Server) pageStaffNew(w http.ResponseWriter, r *http.Request) {
	s.renderStaffNew(w, r, http.StatusOK, newForm())
}

func (s *Server) renderStaffNew(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx, a := r.Context(), actorOf(r)
	orgs, err := s.svc.Organizations(ctx, a, 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := staffInviteView{Form: f, Roles: inviteRoles(a), Organizations: orgs}
	if a.SeesWholeRegion() {
		if v.Municipalities, err = s.svc.PublicMunicipalities(ctx); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderAdmin(w, r, status, "admin_staff_new.html", "Пригласить сотрудника", v)
}

func (s *Server) pageStaffInvite(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, staffInviteFields...)
	org, _ := strconv.ParseInt(f.Values["organization_id"], 10, 64)
	mun, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	st, err := s.svc.InviteStaff(r.Context(), actorOf(r), service.StaffInvite{Email: f.Values["email"], FullName: f.Values["full_name"],
		Phone: f.Values["phone"], Role: navigator.Role(f.Values["role"]), OrganizationID: org, MunicipalityID: mun})
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/admin/staff/%d?done=invited", st.ID), http.StatusSeeOther)
		return
	}
	if !f.mistake(err) {
		s.pageError(w, r, err)
		return
	}
	// The account's rules name the places without the _id of the form.
	for from, to := range map[string]string{"organization": "organization_id", "municipality": "municipality_id"} {
		if msg, ok := f.Errors[from]; ok {
			delete(f.Errors, from)
			f.Errors[to] = msg
		}
	}
	s.renderStaffNew(w, r, statusOfForm(err), f)
}

// staffCardView is one account: its data, sessions and buttons.
type staffCardView struct {
	Card         *service.StaffCard
	Organization string
	Municipality string
}

func (s *Server) pageStaffCard(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	card, err := s.svc.StaffAccount(ctx, actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := staffCardView{Card: card}
	if card.Staff.OrganizationID != 0 {
		v.Organization = s.svc.OrganizationName(ctx, card.Staff.OrganizationID)
	}
	if card.Place != 0 {
		if m, err := s.svc.PublicMunicipality(ctx, card.Place); err == nil {
			v.Municipality = m.Name
		}
	}
	title := card.Staff.FullName
	if title == "" {
		title = card.Staff.Email
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_staff_card.html", title, v)
}

// pageStaffAction is the card's buttons: disable, enable, reinvite.
func (s *Server) pageStaffAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	var done string
	switch r.PathValue("action") {
	case "disable":
		err, done = s.svc.SetStaffDisabled(ctx, a, id, true), "staff_disabled"
	case "enable":
		err, done = s.svc.SetStaffDisabled(ctx, a, id, false), "staff_enabled"
	case "reinvite":
		err, done = s.svc.ReinviteStaff(ctx, a, id), "reinvited"
	default:
		err = navigator.NotFound("Такого действия нет.")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/staff/%d?done=%s", id, done), http.StatusSeeOther)
}

func (s *Server) pageStaffEndSession(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.EndStaffSession(r.Context(), actorOf(r), id, r.PathValue("ref"))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/staff/%d?done=session_ended", id), http.StatusSeeOther)
}

// browserName names a browser and its system from a User-Agent, as a
// person would recognise them; the full string stays in the title.
func browserName(ua string) string {
	name := ""
	for _, b := range []struct{ key, title string }{{"YaBrowser", "Яндекс Браузер"}, {"Edg/", "Edge"}, {"OPR/", "Opera"},
		{"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}} {
		if strings.Contains(ua, b.key) {
			name = b.title
			break
		}
	}
	for _, o := range []struct{ key, title string }{{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"},
		{"Windows", "Windows"}, {"Mac OS", "macOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, o.key) {
			if name == "" {
				return o.title
			}
			return name + ", " + o.title
		}
	}
	if name == "" {
		return "Неизвестный браузер"
	}
	return name
}
