package server

import (
	"net/http"
	"strconv"

	"navigator"
)

// loginForm keeps what a person typed (never the password) and the
// messages to show next to the fields.
type loginForm struct {
	Email   string
	NeedOTP bool
	Errors  map[string]string
	Message string
}

func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).SignedIn() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", "Вход", loginForm{Errors: map[string]string{}})
}

func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) {
	form := loginForm{Email: r.PostFormValue("email"), Errors: map[string]string{}}
	pw, otp := r.PostFormValue("password"), r.PostFormValue("otp")
	if form.Email == "" {
		form.Errors["email"] = "Укажите адрес электронной почты."
	}
	if pw == "" {
		form.Errors["password"] = "Укажите пароль."
	}
	if len(form.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "login.html", "Вход", form)
		return
	}
	login, err := s.auth.Login(r.Context(), form.Email, pw, otp, s.clientIP(r), r.UserAgent())
	if err != nil {
		var e *navigator.Error
		status := statusOf[navigator.ErrorKind(err)]
		if navigator.ErrorKind(err) == navigator.KindInternal {
			s.pageError(w, r, err)
			return
		}
		if asError(err, &e) && (e.Code == "otp_required" || e.Code == "otp_not_enrolled") {
			form.NeedOTP = true
			form.Errors["otp"] = e.Message
		} else {
			form.Message = navigator.ErrorMessage(err)
			if asError(err, &e) && e.RetryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
			}
		}
		s.render(w, r, status, "login.html", "Вход", form)
		return
	}
	s.setSessionCookie(w, login.Token)
	to := "/cabinet/children"
	if login.Actor.Role.IsStaff() {
		to = "/admin"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) pageLogout(w http.ResponseWriter, r *http.Request) {
	if a := actorOf(r); a.SignedIn() {
		if err := s.auth.Logout(r.Context(), a); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
