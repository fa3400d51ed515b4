package server

import (
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/auth"
)

// loginForm keeps what a person typed (never the password) and the
// messages to show next to the fields.
type loginForm struct {
	Email   string
	NeedOTP bool
	Ticket  string // the good password's ticket: the code screen asks only for the code
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

// pageLoginSubmit signs in in one or two screens: the address and the
// password, then, only for an account with a second factor, the code.
func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) {
	form := loginForm{Email: r.PostFormValue("email"), Errors: map[string]string{}}
	pw, otp, ticket := r.PostFormValue("password"), r.PostFormValue("otp"), r.PostFormValue("ticket")
	var login *auth.Login
	var err error
	if ticket != "" {
		if otp == "" {
			form.NeedOTP, form.Ticket = true, ticket
			form.Errors["otp"] = "Введите код из приложения-аутентификатора."
			s.render(w, r, http.StatusUnprocessableEntity, "login.html", "Вход", form)
			return
		}
		login, err = s.auth.LoginWithCode(r.Context(), ticket, otp, s.clientIP(r), r.UserAgent())
	} else {
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
		login, err = s.auth.Login(r.Context(), form.Email, pw, otp, s.clientIP(r), r.UserAgent())
	}
	if err != nil {
		var e *navigator.Error
		status := statusOf[navigator.ErrorKind(err)]
		if navigator.ErrorKind(err) == navigator.KindInternal {
			s.pageError(w, r, err)
			return
		}
		if need, ok := auth.AsNeedCode(err); ok {
			form.NeedOTP, form.Ticket = true, need.Ticket
			if otp != "" {
				form.Errors["otp"] = need.Err.Message
			}
		} else if asError(err, &e) && e.Code == "otp_not_enrolled" {
			form.Message = e.Message
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
