package server

import (
	"html/template"
	"net/http"

	"navigator/internal/auth"
)

// invitationView is the page of an invitation link.
type invitationView struct {
	Page  *auth.InvitationPage
	QR    template.HTML
	Form  *form
	Codes []string // shown once, after the invitation is accepted
}

// pageStaffInvitation opens an invitation link: who is invited, the second
// factor to add to an app, and the form to set a password.
func (s *Server) pageStaffInvitation(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["token"] = r.URL.Query().Get("token")
	s.renderInvitation(w, r, http.StatusOK, f)
}

func (s *Server) renderInvitation(w http.ResponseWriter, r *http.Request, status int, f *form) {
	p, err := s.auth.OpenInvitation(r.Context(), f.Values["token"])
	if err != nil {
		msg := newForm()
		if !msg.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, statusOfForm(err), "message.html", "Приглашение", msg.Message)
		return
	}
	qr, err := qrSVG(p.URL, "QR-код для приложения-аутентификатора")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "staff_invitation.html", "Приглашение в систему управления", invitationView{Page: p, QR: qr, Form: f})
}

func (s *Server) pageStaffInvitationSubmit(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "token", "password", "password_repeat", "otp")
	codes, err := s.auth.AcceptInvitation(r.Context(), f.Values["token"], f.Values["password"], f.Values["password_repeat"], f.Values["otp"])
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		f.Values["password"], f.Values["password_repeat"], f.Values["otp"] = "", "", ""
		s.renderInvitation(w, r, statusOfForm(err), f)
		return
	}
	s.render(w, r, http.StatusOK, "staff_invitation.html", "Учётная запись готова", invitationView{Codes: codes})
}
