package server

import (
	"fmt"
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// cabinetView is what every cabinet tab shows beside its data.
type cabinetView struct {
	Tab   string
	Flash string
	Form  *form
	User  *navigator.SiteUser
	Data  any
}

// renderCabinet renders a cabinet tab for a signed-in parent.
func (s *Server) renderCabinet(w http.ResponseWriter, r *http.Request, status int, tab string, f *form, data any) {
	s.renderCabinetPage(w, r, status, tab, "cabinet_"+tab+".html", f, data)
}

// renderCabinetPage renders a page under a cabinet tab with its own
// template.
func (s *Server) renderCabinetPage(w http.ResponseWriter, r *http.Request, status int, tab, name string, f *form, data any) {
	if !s.parentOnly(w, r) {
		return
	}
	u, err := s.svc.Me(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
	}
	s.render(w, r, status, name, "Личный кабинет", cabinetView{Tab: tab, Flash: flash(r), Form: f, User: u, Data: data})
}

// cabinetFail shows a tab again with the form's messages.
func (s *Server) cabinetFail(w http.ResponseWriter, r *http.Request, tab string, f *form, err error, data any) {
	if !f.fail(err) {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, statusOfForm(err), tab, f, data)
}

func (s *Server) pageCabinetProfile(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	u, err := s.svc.Me(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.Values = map[string]string{"last_name": u.LastName, "first_name": u.FirstName, "patronymic": u.Patronymic,
		"phone": navigator.FormatPhone(u.Phone), "email": u.Email, "municipality_id": strconv.FormatInt(u.MunicipalityID, 10)}
	s.renderProfile(w, r, http.StatusOK, f)
}

func (s *Server) renderProfile(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, status, "profile", f, ms)
}

func (s *Server) pageCabinetProfileSave(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "phone", "email", "municipality_id", "current_password")
	mid, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	p := navigator.SiteUserPatch{LastName: ptr(f.Values["last_name"]), FirstName: ptr(f.Values["first_name"]),
		Patronymic: ptr(f.Values["patronymic"]), Phone: ptr(f.Values["phone"]), Email: ptr(f.Values["email"]), MunicipalityID: &mid}
	if _, err := s.svc.UpdateProfile(r.Context(), actorOf(r), p, f.Values["current_password"]); err != nil {
		f.Values["current_password"] = ""
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderProfile(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, "/cabinet/profile?done=saved", http.StatusSeeOther)
}

func (s *Server) pageCabinetResend(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	if err := s.svc.ResendVerification(r.Context(), actorOf(r)); err != nil && navigator.ErrorKind(err) != navigator.KindConflict {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/cabinet/profile?done=mail_sent", http.StatusSeeOther)
}

// achievementsView lists achievements with the children to add them to.
type achievementsView struct {
	Items    []service.Achievement
	Children []*navigator.Child
	Names    map[int64]string
	Levels   any
}

func (s *Server) achievementsData(r *http.Request) (*achievementsView, error) {
	a := actorOf(r)
	items, err := s.svc.MyAchievements(r.Context(), a)
	if err != nil {
		return nil, err
	}
	children, err := s.svc.MyChildren(r.Context(), a)
	if err != nil {
		return nil, err
	}
	v := &achievementsView{Items: items, Children: children, Names: map[int64]string{}, Levels: service.AchievementLevels}
	for _, c := range children {
		v.Names[c.ID] = c.FullName()
	}
	return v, nil
}

func (s *Server) pageCabinetAchievements(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	v, err := s.achievementsData(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, http.StatusOK, "achievements", nil, v)
}

func (s *Server) pageCabinetAddAchievement(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	f := formFrom(r, "child_id", "title", "level", "date", "result")
	childID, _ := strconv.ParseInt(f.Values["child_id"], 10, 64)
	on, derr := navigator.ParseDate(f.Values["date"])
	err := s.svc.AddMyAchievement(r.Context(), actorOf(r), service.Achievement{ChildID: childID, Title: f.Values["title"], Level: f.Values["level"], On: on, Result: f.Values["result"]})
	if err == nil && derr != nil {
		err = navigator.Invalid(navigator.FieldError{Field: "date", Code: "format", Message: "Дата — в виде ДД.ММ.ГГГГ."})
	}
	if err != nil {
		v, verr := s.achievementsData(r)
		if verr != nil {
			s.pageError(w, r, verr)
			return
		}
		s.cabinetFail(w, r, "achievements", f, err, v)
		return
	}
	http.Redirect(w, r, "/cabinet/achievements?done=saved", http.StatusSeeOther)
}

func (s *Server) pageCabinetApplications(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	rows, err := s.svc.MyApplications(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, http.StatusOK, "applications", nil, viewApplications(rows))
}

func (s *Server) pageCabinetCancel(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	if err := s.svc.CancelApplication(r.Context(), actorOf(r), id); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/cabinet/applications?done=cancelled", http.StatusSeeOther)
}

func (s *Server) pageCabinetViews(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	marks, err := s.svc.MyViews(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, http.StatusOK, "views", nil, marks)
}

func (s *Server) pageCabinetDeferred(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	marks, err := s.svc.MyDeferred(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCabinet(w, r, http.StatusOK, "deferred", nil, marks)
}

// pageCabinetDeferredMove puts a program aside, moves it up or down, or
// takes it off — buttons that work without JavaScript.
func (s *Server) pageCabinetDeferredMove(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "program_id")
	if !ok {
		return
	}
	ctx, a := r.Context(), actorOf(r)
	rank, _ := strconv.Atoi(r.PostFormValue("rank"))
	var err error
	switch r.PostFormValue("action") {
	case "remove":
		err = s.svc.DeleteDeferred(ctx, a, id)
	case "up":
		err = s.svc.PutDeferred(ctx, a, id, max(rank-1, 1))
	case "down":
		err = s.svc.PutDeferred(ctx, a, id, rank+1)
	default:
		err = s.svc.PutDeferred(ctx, a, id, 0)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	to := "/cabinet/deferred?done=saved"
	if back := r.PostFormValue("back"); back == "program" {
		done := "deferred"
		if r.PostFormValue("action") == "remove" {
			done = "undeferred"
		}
		to = fmt.Sprintf("/programs/%d?done=%s", id, done)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) pageCabinetPassword(w http.ResponseWriter, r *http.Request) {
	s.renderCabinet(w, r, http.StatusOK, "password", nil, nil)
}

func (s *Server) pageCabinetPasswordSave(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	f := formFrom(r, "current_password", "password", "sign_out_others")
	err := s.svc.ChangePassword(r.Context(), actorOf(r), f.Values["current_password"], f.Values["password"], f.Values["sign_out_others"] != "")
	if err != nil {
		f.Values["current_password"], f.Values["password"] = "", ""
		s.cabinetFail(w, r, "password", f, err, nil)
		return
	}
	http.Redirect(w, r, "/cabinet/password?done=password", http.StatusSeeOther)
}

func (s *Server) pageCabinetSignOutOthers(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	if err := s.svc.SignOutOthers(r.Context(), actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/cabinet/password?done=others", http.StatusSeeOther)
}
