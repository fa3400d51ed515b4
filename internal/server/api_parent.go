package server

import (
	"net/http"

	"navigator/internal/httpjson"

	"navigator"
)

func (s *Server) apiMyChildren(w http.ResponseWriter, r *http.Request) {
	cs, err := s.svc.MyChildren(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": cs, "total": len(cs)})
}

func (s *Server) apiAddMyChild(w http.ResponseWriter, r *http.Request) {
	var in navigator.ChildInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.AddMyChild(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiMyChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.MyChild(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiRequestCertificate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.RequestCertificate(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, viewCertificate(c))
}
