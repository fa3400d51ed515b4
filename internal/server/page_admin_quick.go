package server

import (
	"context"
	"fmt"
	"net/http"

	"navigator"
	"navigator/internal/service"
)

// pageAdminQuick is the one-screen «Выдача без персональных данных».
func (s *Server) pageAdminQuick(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayIssueWithoutPersonalData(actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := newForm()
	f.Values["type"] = "accounting"
	s.renderAdmin(w, r, http.StatusOK, "admin_quick.html", "Выдача без персональных данных", f)
}

func (s *Server) pageAdminQuickSubmit(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.MayIssueWithoutPersonalData(actorOf(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "email", "birth_date", "sex", "type")
	in := f.childInput()
	if len(f.Errors) > 0 {
		s.renderAdmin(w, r, http.StatusUnprocessableEntity, "admin_quick.html", "Выдача без персональных данных", f)
		return
	}
	req := service.QuickIssueRequest{Email: f.Values["email"], BirthDate: in.BirthDate, Sex: in.Sex, Type: navigator.CertificateType(f.Values["type"])}
	res, err := s.svc.IssueWithoutPersonalData(r.Context(), actorOf(r), req)
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderAdmin(w, r, statusOfForm(err), "admin_quick.html", "Выдача без персональных данных", f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/children/%d?done=issued", res.ChildID), http.StatusSeeOther)
}

// pageAdminApplicationPDF prints the pre-filled application for a
// certificate; pageAdminConsentPDF the consent to data processing.
func (s *Server) pageAdminApplicationPDF(w http.ResponseWriter, r *http.Request) {
	s.adminPrint(w, r, "application", s.svc.ApplicationPDF)
}

func (s *Server) pageAdminConsentPDF(w http.ResponseWriter, r *http.Request) {
	s.adminPrint(w, r, "consent", s.svc.ConsentPDF)
}

func (s *Server) adminPrint(w http.ResponseWriter, r *http.Request, name string, render func(ctx context.Context, a navigator.Actor, id int64) ([]byte, error)) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pdf, err := render(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writePDF(w, name+".pdf", pdf)
}
