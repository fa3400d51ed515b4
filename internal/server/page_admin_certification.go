package server

import (
	"fmt"
	"net/http"

	"navigator"
	"navigator/internal/service"
)

// certificationView is «Сертификация программ»: the queue, or the
// programs accepted or refused.
type certificationView struct {
	State   string
	Rows    []service.CertificationRow
	ErrorID int64 // the program whose refusal lacked a reason
	Form    *form
}

func (s *Server) pageCertification(w http.ResponseWriter, r *http.Request) {
	s.renderCertification(w, r, http.StatusOK, 0, newForm())
}

func (s *Server) renderCertification(w http.ResponseWriter, r *http.Request, status int, errorID int64, f *form) {
	state := r.URL.Query().Get("status")
	rows, err := s.svc.CertificationQueue(r.Context(), actorOf(r), state)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if state == "" {
		state = "pending"
	}
	s.renderAdmin(w, r, status, "admin_certification.html", "Сертификация программ",
		certificationView{State: state, Rows: rows, ErrorID: errorID, Form: f})
}

// pageDecideCertification is the «Сертифицировать» and «Отказать» buttons.
func (s *Server) pageDecideCertification(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "decision", "reason")
	accept := f.Values["decision"] == "accept"
	if !accept && f.Values["decision"] != "refuse" {
		if err := s.svc.MayDecideCertification(actorOf(r)); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.pageError(w, r, navigator.Errorf(navigator.KindMalformed, "Неизвестное решение."))
		return
	}
	if err := s.svc.DecideCertification(r.Context(), actorOf(r), id, accept, f.Values["reason"]); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderCertification(w, r, statusOfForm(err), id, f)
		return
	}
	done := "cert_refused"
	if accept {
		done = "cert_accepted"
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/certification?done=%s", done), http.StatusSeeOther)
}
