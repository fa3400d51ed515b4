package server

import (
	"net/http"
	"strconv"

	"navigator/internal/httpjson"

	"navigator"
)

type registerView struct {
	Form           *form
	Municipalities []navigator.Municipality
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "register.html", "Регистрация", registerView{Form: f, Municipalities: ms})
}

func (s *Server) pageRegister(w http.ResponseWriter, r *http.Request) {
	if actorOf(r).SignedIn() {
		http.Redirect(w, r, "/cabinet/children", http.StatusSeeOther)
		return
	}
	s.renderRegister(w, r, http.StatusOK, newForm())
}

func (s *Server) pageRegisterSubmit(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "municipality_id", "last_name", "first_name", "patronymic", "phone", "email", "password", "consent")
	mid, _ := strconv.ParseInt(f.Values["municipality_id"], 10, 64)
	reg, err := s.svc.Register(r.Context(), navigator.SiteUserInput{MunicipalityID: mid, LastName: f.Values["last_name"],
		FirstName: f.Values["first_name"], Patronymic: f.Values["patronymic"], Phone: f.Values["phone"], Email: f.Values["email"],
		Password: f.Values["password"]}, f.Values["consent"] != "", s.clientIP(r))
	if err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		f.Values["password"] = ""
		s.renderRegister(w, r, statusOfForm(err), f)
		return
	}
	// The same page whether or not the address was registered before: the
	// account is made by the letter's link.
	s.render(w, r, http.StatusOK, "register_done.html", "Проверьте почту", reg.Email)
}

// pageVerifyEmail follows a letter's link. A sign-up's link asks for one
// press before the account is made, so that a mail scanner that opens
// links spends nothing; a changed address is confirmed at once.
func (s *Server) pageVerifyEmail(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if s.svc.RegistrationPending(r.Context(), token) {
		s.render(w, r, http.StatusOK, "register_finish.html", "Завершение регистрации", token)
		return
	}
	s.finishEmailLink(w, r, token)
}

// pageVerifyEmailSubmit is «ЗАВЕРШИТЬ РЕГИСТРАЦИЮ».
func (s *Server) pageVerifyEmailSubmit(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "token")
	s.finishEmailLink(w, r, f.Values["token"])
}

// finishEmailLink makes the account of a sign-up's link and signs the
// parent in, or confirms a changed address.
func (s *Server) finishEmailLink(w http.ResponseWriter, r *http.Request, token string) {
	login, err := s.auth.CompleteRegistration(r.Context(), token, s.clientIP(r), r.UserAgent())
	if err == nil {
		s.setSessionCookie(w, login.Token)
		http.Redirect(w, r, "/cabinet/children?done=registered", http.StatusSeeOther)
		return
	}
	if navigator.ErrorCode(err) == "bad_link" {
		// Not a sign-up's link: one that confirms a changed address.
		err = s.svc.VerifyEmail(r.Context(), token)
	}
	if err != nil {
		if navigator.ErrorKind(err) == navigator.KindInternal {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusBadRequest, "message.html", "Подтверждение e-mail", navigator.ErrorMessage(err))
		return
	}
	s.render(w, r, http.StatusOK, "message.html", "Подтверждение e-mail", "Адрес электронной почты подтверждён. Спасибо!")
}

func (s *Server) pageForgot(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "forgot.html", "Не помню пароль", newForm())
}

func (s *Server) pageForgotSubmit(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "email")
	if err := s.svc.RequestPasswordReset(r.Context(), f.Values["email"], s.clientIP(r)); err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, statusOfForm(err), "forgot.html", "Не помню пароль", f)
		return
	}
	s.render(w, r, http.StatusOK, "message.html", "Не помню пароль",
		"Если этот адрес зарегистрирован, на него отправлено письмо со ссылкой для смены пароля. Ссылка действует один час.")
}

func (s *Server) pageReset(w http.ResponseWriter, r *http.Request) {
	f := newForm()
	f.Values["token"] = r.URL.Query().Get("token")
	s.render(w, r, http.StatusOK, "reset.html", "Новый пароль", f)
}

func (s *Server) pageResetSubmit(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "token", "password")
	if err := s.svc.ResetPassword(r.Context(), f.Values["token"], f.Values["password"]); err != nil {
		if !f.fail(err) {
			s.pageError(w, r, err)
			return
		}
		f.Values["password"] = ""
		s.render(w, r, statusOfForm(err), "reset.html", "Новый пароль", f)
		return
	}
	s.render(w, r, http.StatusOK, "message.html", "Новый пароль", "Пароль изменён. Войдите с новым паролем.")
}

func (s *Server) pagePrivacy(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "privacy.html", "Политика конфиденциальности", nil)
}

func (s *Server) pageTerms(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "terms.html", "Пользовательское соглашение", nil)
}

// pageDemoMail shows the letters in the outbox: demo mode only, so that a
// newcomer without a mail server can follow the links.
func (s *Server) pageDemoMail(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Demo {
		s.pageError(w, r, navigator.NotFound("Страница не найдена."))
		return
	}
	letters, err := s.svc.DemoOutbox(r.Context(), 50)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "demo_mail.html", "Демо-почта", letters)
}

type registerRequest struct {
	navigator.SiteUserInput
	Consent bool `json:"consent"`
}

func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) {
	var req registerRequest
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	u, err := s.svc.Register(r.Context(), req.SiteUserInput, req.Consent, s.clientIP(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}
