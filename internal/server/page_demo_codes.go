package server

import (
	"net/http"
	"time"

	"github.com/pquerna/otp/totp"

	"navigator"
	"navigator/internal/demo"
)

// demoCode is a demo account and its current sign-in code.
type demoCode struct {
	Role     navigator.Role
	Email    string
	Password string
	Code     string
}

// pageDemoCodes shows the demo staff accounts with the codes their
// authenticator apps would show now: demo mode only, so that a newcomer
// can sign in as staff without setting up an app.
func (s *Server) pageDemoCodes(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Demo {
		s.pageError(w, r, navigator.NotFound("Страница не найдена."))
		return
	}
	var rows []demoCode
	for _, a := range demo.Accounts() {
		code, err := totp.GenerateCode(a.TOTPSecret, time.Now())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		rows = append(rows, demoCode{Role: navigator.Role(a.Role), Email: a.Email, Password: a.Password, Code: code})
	}
	s.render(w, r, http.StatusOK, "demo_codes.html", "Демо-коды для входа сотрудников", rows)
}
