package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

type usersView struct {
	Query string
	Rows  []service.SiteUserRow
	Total int
	Pager pager
}

func (s *Server) pageAdminUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	p := pagingOf(r, service.SiteUsersPerPage)
	rows, total, err := s.svc.SearchSiteUsers(r.Context(), actorOf(r), q, p)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	query := url.Values{}
	if q != "" {
		query.Set("q", q)
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_users.html", "Пользователи сайта", usersView{Query: q, Rows: rows, Total: total,
		Pager: newPager("/admin/site-users", query, p, total)})
}

var siteUserFields = []string{"municipality_id", "last_name", "first_name", "patronymic", "phone", "email", "password", "paper_consent"}

type newUserView struct {
	Form           *form
	Municipalities []navigator.Municipality
}

func (s *Server) pageAdminNewUser(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayRegisterSiteUsers(actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.Values["municipality_id"] = strconv.FormatInt(actorOf(r).MunicipalityID, 10)
	s.renderNewUser(w, r, http.StatusOK, f)
}

func (s *Server) renderNewUser(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, status, "admin_user_new.html", "Регистрация пользователя", newUserView{Form: f, Municipalities: ms})
}

func (s *Server) pageAdminCreateUser(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayRegisterSiteUsers(actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, siteUserFields...)
	mid, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	if f.Values["paper_consent"] == "" {
		f.Errors["paper_consent"] = "Отметьте, что родитель подписал согласие на бумаге: без него регистрировать нельзя."
		s.renderNewUser(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	u, err := s.svc.RegisterOnBehalf(r.Context(), actorOf(r), navigator.SiteUserInput{MunicipalityID: mid,
		LastName: f.Values["last_name"], FirstName: f.Values["first_name"], Patronymic: f.Values["patronymic"],
		Phone: f.Values["phone"], Email: f.Values["email"], Password: f.Values["password"]})
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		f.Values["password"] = ""
		s.renderNewUser(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/site-users/%d?done=created", u.ID), http.StatusSeeOther)
}

// userCardView is «#ID клиент».
type userCardView struct {
	User           *navigator.SiteUser
	Tab            string
	Form           *form
	Municipalities []navigator.Municipality
	Municipality   string
	Children       []*navigator.Child
	Activity       []auditRow
	Applications   []service.ApplicationRow
	ChildForm      *form
}

func (s *Server) pageAdminUser(w http.ResponseWriter, r *http.Request) {
	s.renderUserCard(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderUserCard(w http.ResponseWriter, r *http.Request, status int, f, childForm *form) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	u, err := s.svc.SiteUser(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := userCardView{User: u, Tab: r.URL.Query().Get("tab"), Form: f, ChildForm: childForm}
	if v.Form == nil {
		v.Form = newForm()
		v.Form.Values = map[string]string{"last_name": u.LastName, "first_name": u.FirstName, "patronymic": u.Patronymic,
			"email": u.Email, "phone": navigator.FormatPhone(u.Phone), "municipality_id": strconv.FormatInt(u.MunicipalityID, 10),
			"resident_rf": boolValue(u.ResidentRF), "email_verified": boolValue(u.EmailVerified)}
	}
	if v.ChildForm == nil {
		v.ChildForm = newForm()
	}
	if v.Municipalities, err = s.svc.PublicMunicipalities(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, m := range v.Municipalities {
		if m.ID == u.MunicipalityID {
			v.Municipality = m.Name
		}
	}
	switch v.Tab {
	case "children":
		v.Children, err = s.svc.Children(ctx, a, id)
	case "activity":
		var entries []service.AuditEntry
		if entries, err = s.svc.Activity(ctx, a, id); err == nil {
			v.Activity, err = s.auditRows(r, entries)
		}
	case "applications":
		v.Applications, err = s.svc.ApplicationsOfUser(ctx, a, id)
	default:
		v.Tab = "main"
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	title := u.FullName()
	if title == "" {
		title = fmt.Sprintf("#%d клиент", u.ID)
	}
	s.renderAdmin(w, r, status, "admin_user.html", title, v)
}

func boolValue(b bool) string {
	if b {
		return "on"
	}
	return ""
}

func (s *Server) pageAdminSaveUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "email", "phone", "municipality_id", "resident_rf", "email_verified")
	mid, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	resident, verified := f.Values["resident_rf"] != "", f.Values["email_verified"] != ""
	p := navigator.SiteUserPatch{LastName: ptr(f.Values["last_name"]), FirstName: ptr(f.Values["first_name"]),
		Patronymic: ptr(f.Values["patronymic"]), Email: ptr(f.Values["email"]), Phone: ptr(f.Values["phone"]),
		MunicipalityID: &mid, ResidentRF: &resident, EmailVerified: &verified}
	if _, err := s.svc.UpdateSiteUser(r.Context(), actorOf(r), id, p); err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderUserCard(w, r, statusOfForm(err), f, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/site-users/%d?done=saved", id), http.StatusSeeOther)
}

func ptr[T any](v T) *T { return &v }

func (s *Server) pageAdminSendVerification(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.svc.SendEmailVerification(r.Context(), actorOf(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/site-users/%d?done=mail_sent", id), http.StatusSeeOther)
}

func (s *Server) pageAdminAddChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := s.svc.MayAddChild(r.Context(), actorOf(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "birth_date", "sex")
	in := f.childInput()
	var c *navigator.Child
	if len(f.Errors) == 0 {
		c, err = s.svc.AddChild(r.Context(), actorOf(r), id, in)
		if err != nil && !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
	}
	if len(f.Errors) > 0 || f.Message != "" {
		q := r.URL.Query()
		q.Set("tab", "children")
		r.URL.RawQuery = q.Encode()
		s.renderUserCard(w, r, http.StatusUnprocessableEntity, nil, f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/children/%d?done=child_added", c.ID), http.StatusSeeOther)
}
