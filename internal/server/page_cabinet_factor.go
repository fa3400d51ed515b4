package server

import (
	"html/template"
	"net/http"

	"navigator/internal/auth"
)

// cabinetFactorView is «Вход с кодом из приложения» of the cabinet.
type cabinetFactorView struct {
	Tab    string
	Factor *auth.ParentFactor
	QR     template.HTML
	Form   *form
	Flash  string
}

func (s *Server) pageCabinetFactor(w http.ResponseWriter, r *http.Request) {
	s.renderCabinetFactor(w, r, http.StatusOK, newForm())
}

func (s *Server) renderCabinetFactor(w http.ResponseWriter, r *http.Request, status int, f *form) {
	if !s.parentOnly(w, r) {
		return
	}
	ctx, a := r.Context(), actorOf(r)
	u, err := s.svc.Me(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.auth.ParentFactor(ctx, a, u.Email)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := cabinetFactorView{Tab: "password", Factor: p, Form: f, Flash: flash(r)}
	if !p.Enabled {
		if v.QR, err = qrSVG(p.URL, "QR-код для приложения-аутентификатора"); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "cabinet_factor.html", "Личный кабинет — Вход с кодом", v)
}

func (s *Server) pageCabinetFactorSave(w http.ResponseWriter, r *http.Request) {
	if !s.parentOnly(w, r) {
		return
	}
	ctx, a := r.Context(), actorOf(r)
	f := formFrom(r, "otp", "current_password")
	var err error
	done := "factor_on"
	if r.PostFormValue("action") == "disable" {
		done = "factor_off"
		u, uerr := s.svc.Me(ctx, a)
		if uerr != nil {
			s.pageError(w, r, uerr)
			return
		}
		err = s.auth.DisableParentFactor(ctx, a, u.Email, f.Values["current_password"], f.Values["otp"])
	} else {
		err = s.auth.EnableParentFactor(ctx, a, f.Values["otp"])
	}
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		f.Values["otp"], f.Values["current_password"] = "", ""
		s.renderCabinetFactor(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, "/cabinet/second-factor?done="+done, http.StatusSeeOther)
}
