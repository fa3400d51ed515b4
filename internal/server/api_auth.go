package server

import (
	"net/http"

	"navigator/internal/httpjson"

	"navigator"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	OTP      string `json:"otp"`
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var f navigator.Fields
	if req.Email == "" {
		f.Add("email", "required", "Укажите адрес электронной почты.")
	}
	if req.Password == "" {
		f.Add("password", "required", "Укажите пароль.")
	}
	if err := f.Err(); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	login, err := s.auth.Login(r.Context(), req.Email, req.Password, req.OTP, s.clientIP(r), r.UserAgent())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	me, err := s.account(r, login.Actor)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.setSessionCookie(w, login.Token)
	writeJSON(w, http.StatusOK, map[string]any{"token": login.Token, "user": me})
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		s.writeProblem(w, r, navigator.Errorf(navigator.KindUnauthorized, "Вы не вошли в систему."))
		return
	}
	if err := s.auth.Logout(r.Context(), a); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.clearSessionCookie(w)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if !a.SignedIn() {
		s.writeProblem(w, r, navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему."))
		return
	}
	me, err := s.account(r, a)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, me)
}

// accountView is the signed-in account as /me shows it.
type accountView struct {
	ID             int64          `json:"id"`
	Role           navigator.Role `json:"role"`
	Email          string         `json:"email"`
	Name           string         `json:"name"`
	EmailVerified  *bool          `json:"email_verified,omitempty"`
	MunicipalityID int64          `json:"municipality_id,omitempty"`
	OrganizationID int64          `json:"organization_id,omitempty"`
}

func (s *Server) account(r *http.Request, a navigator.Actor) (*accountView, error) {
	if a.Role == navigator.RoleParent {
		u, err := s.svc.Me(r.Context(), a)
		if err != nil {
			return nil, err
		}
		return &accountView{ID: u.ID, Role: a.Role, Email: u.Email, Name: joinName(u.LastName, u.FirstName, u.Patronymic),
			EmailVerified: &u.EmailVerified, MunicipalityID: u.MunicipalityID}, nil
	}
	st, _, err := s.svc.MyStaff(r.Context(), a)
	if err != nil {
		return nil, err
	}
	return &accountView{ID: st.ID, Role: st.Role, Email: st.Email, Name: st.FullName,
		MunicipalityID: a.MunicipalityID, OrganizationID: st.OrganizationID}, nil
}

func joinName(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += p
	}
	return out
}
