package server

import (
	"net/http"

	"navigator/internal/httpjson"
)

func (s *Server) apiSendForCertification(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.SendForCertification(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"program_id": id, "certification": "pending"})
}

func (s *Server) apiCertificationQueue(w http.ResponseWriter, r *http.Request) {
	rows, err := s.svc.CertificationQueue(r.Context(), actorOf(r), r.URL.Query().Get("status"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rows, "total": len(rows)})
}

func (s *Server) apiDecideCertification(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Accept bool   `json:"accept"`
		Reason string `json:"reason"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.DecideCertification(r.Context(), actorOf(r), id, req.Accept, req.Reason); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	state := "refused"
	if req.Accept {
		state = "accepted"
	}
	writeJSON(w, http.StatusOK, map[string]any{"program_id": id, "certification": state})
}
