package server

import (
	"net/http"

	"navigator"
)

// adminPage is what every management-system page gets beside its data.
type adminPage struct {
	Staff        *navigator.Staff
	Organization string
	Flash        string
	Data         any
	// NewApplications is the count beside a provider's «Заявки».
	NewApplications int
}

// staffOnly sends people without a staff session to the sign-in page.
func (s *Server) staffOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := actorOf(r)
		if !a.SignedIn() {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if !a.Role.IsStaff() {
			s.pageError(w, r, navigator.Errorf(navigator.KindForbidden, "Система управления доступна только сотрудникам."))
			return
		}
		next(w, r)
	}
}

// renderAdmin renders a management-system page.
func (s *Server) renderAdmin(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	a := actorOf(r)
	st, org, err := s.svc.MyStaff(r.Context(), a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := adminPage{Staff: st, Organization: org, Flash: flash(r), Data: data}
	if a.Can(navigator.PermRunPrograms) {
		if p.NewApplications, err = s.svc.NewApplications(r.Context(), a); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, status, name, title, p)
}

func (s *Server) pageAdmin(w http.ResponseWriter, r *http.Request) {
	switch a := actorOf(r); {
	case a.Can(navigator.PermReadFamilies):
		http.Redirect(w, r, "/admin/site-users", http.StatusSeeOther)
	case a.Can(navigator.PermRunPrograms):
		http.Redirect(w, r, "/admin/applications", http.StatusSeeOther)
	default:
		s.renderAdmin(w, r, http.StatusOK, "admin_home.html", "Система управления", nil)
	}
}
