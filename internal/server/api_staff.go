package server

import (
	"net/http"

	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiStaffList(w http.ResponseWriter, r *http.Request) {
	rows, err := s.svc.ListStaff(r.Context(), actorOf(r), r.URL.Query().Get("q"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(rows), "total": len(rows)})
}

func (s *Server) apiStaffInvite(w http.ResponseWriter, r *http.Request) {
	var in service.StaffInvite
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	st, err := s.svc.InviteStaff(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, st)
}

// staffCardJSON is one account as the API shows it.
type staffCardJSON struct {
	ID                int64  `json:"id"`
	Email             string `json:"email"`
	FullName          string `json:"full_name"`
	Role              string `json:"role"`
	OrganizationID    int64  `json:"organization_id,omitempty"`
	MunicipalityID    int64  `json:"municipality_id,omitempty"`
	TOTPEnabled       bool   `json:"totp_enabled"`
	Disabled          bool   `json:"disabled"`
	RecoveryCodesLeft int    `json:"recovery_codes_left"`
	Sessions          any    `json:"sessions"`
}

func (s *Server) apiStaffAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.StaffAccount(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, staffCardJSON{ID: c.Staff.ID, Email: c.Staff.Email, FullName: c.Staff.FullName, Role: string(c.Staff.Role),
		OrganizationID: c.Staff.OrganizationID, MunicipalityID: c.Place, TOTPEnabled: c.Staff.TOTPEnabled, Disabled: c.Staff.Disabled,
		RecoveryCodesLeft: c.CodesLeft, Sessions: c.Sessions})
}

// apiStaffAction runs one change of an account and answers 204.
func (s *Server) apiStaffAction(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	switch r.PathValue("action") {
	case "disable":
		err = s.svc.SetStaffDisabled(ctx, a, id, true)
	case "enable":
		err = s.svc.SetStaffDisabled(ctx, a, id, false)
	case "reinvite":
		err = s.svc.ReinviteStaff(ctx, a, id)
	default:
		statusProblem(w, http.StatusNotFound, "Такого действия нет: disable, enable или reinvite.")
		return
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiStaffEndSession(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.EndStaffSession(r.Context(), actorOf(r), id, r.PathValue("ref")); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// nonNil makes a nil list an empty JSON array.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
