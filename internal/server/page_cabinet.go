package server

import (
	"fmt"
	"net/http"

	"navigator"
)

// parentOnly sends people without a parent's session to the sign-in page.
func (s *Server) parentOnly(w http.ResponseWriter, r *http.Request) bool {
	a := actorOf(r)
	if !a.SignedIn() {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return false
	}
	if a.Role != navigator.RoleParent {
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return false
	}
	return true
}

// parentPath checks the parent's session and reads a path ID; on failure
// it has answered already.
func (s *Server) parentPath(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	if !s.parentOnly(w, r) {
		return 0, false
	}
	id, err := pathID(r, name)
	if err != nil {
		s.pageError(w, r, err)
		return 0, false
	}
	return id, true
}

// cabinetChildrenView is the cabinet's «ДЕТИ» tab.
type cabinetChildrenView struct {
	Children []*navigator.Child
	Form     *form
	Flash    string
}

func (s *Server) pageCabinetChildren(w http.ResponseWriter, r *http.Request) {
	s.renderCabinetChildren(w, r, http.StatusOK, newForm())
}

func (s *Server) renderCabinetChildren(w http.ResponseWriter, r *http.Request, status int, f *form) {
	if !s.parentOnly(w, r) {
		return
	}
	cs, err := s.svc.MyChildren(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "cabinet_children.html", "Личный кабинет — Дети", cabinetChildrenView{Children: cs, Form: f, Flash: flash(r)})
}

func (s *Server) pageCabinetAddChild(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "birth_date", "sex")
	in := f.childInput()
	if len(f.Errors) > 0 {
		s.renderCabinetChildren(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	c, err := s.svc.AddMyChild(r.Context(), actorOf(r), in)
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderCabinetChildren(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/cabinet/children/%d?done=child_added", c.ID), http.StatusSeeOther)
}

// cabinetChildView is one child in the cabinet with where to confirm.
type cabinetChildView struct {
	Child   *navigator.Child
	Offices []navigator.Organization
	Flash   string
	Error   string
	Form    *form
}

func (s *Server) pageCabinetChild(w http.ResponseWriter, r *http.Request) {
	s.renderCabinetChild(w, r, http.StatusOK, "")
}

func (s *Server) renderCabinetChild(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.renderCabinetChildForm(w, r, status, msg, nil)
}

func (s *Server) pageCabinetEditChild(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "birth_date", "sex")
	in := f.childInput()
	if len(f.Errors) == 0 {
		if _, err := s.svc.UpdateMyChild(r.Context(), actorOf(r), id, in); err != nil && !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
	}
	if len(f.Errors) > 0 || f.Message != "" {
		s.renderCabinetChildForm(w, r, http.StatusUnprocessableEntity, "", f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/cabinet/children/%d?done=saved", id), http.StatusSeeOther)
}

func (s *Server) renderCabinetChildForm(w http.ResponseWriter, r *http.Request, status int, msg string, f *form) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	a := actorOf(r)
	c, err := s.svc.MyChild(r.Context(), a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	offices, err := s.svc.CertificateOffices(r.Context(), navigator.OfficeFilter{MunicipalityID: a.MunicipalityID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
		f.Values = map[string]string{"last_name": c.LastName, "first_name": c.FirstName, "patronymic": c.Patronymic,
			"birth_date": c.BirthDate.String(), "sex": string(c.Sex)}
	}
	s.render(w, r, status, "cabinet_child.html", c.FullName(), cabinetChildView{Child: c, Offices: offices, Flash: flash(r), Error: msg, Form: f})
}

func (s *Server) pageCabinetRequestCertificate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	if _, err := s.svc.RequestCertificate(r.Context(), actorOf(r), id); err != nil {
		if k := navigator.ErrorKind(err); k == navigator.KindConflict || k == navigator.KindInvalid {
			s.renderCabinetChild(w, r, statusOf[k], navigator.ErrorMessage(err))
			return
		}
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/cabinet/children/%d?done=issued", id), http.StatusSeeOther)
}

func (s *Server) pageCabinetCertificatePDF(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	pdf, err := s.svc.MyCertificatePDF(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writePDF(w, "certificate.pdf", pdf)
}
