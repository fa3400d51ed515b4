package server

import (
	"net/http"

	"navigator/internal/httpjson"

	"navigator"
)

func (s *Server) apiProviderPrograms(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.ProviderPrograms(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ps, "total": len(ps)})
}

func (s *Server) apiProviderProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	p, err := s.svc.ProviderProgram(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiProviderCreateProgram(w http.ResponseWriter, r *http.Request) {
	var in navigator.ProgramInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	p, err := s.svc.CreateProgram(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) apiProviderPatchProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	cur, err := s.svc.ProviderProgram(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	// A PATCH starts from the program as it is.
	in := navigator.ProgramInput{Title: cur.Title, Description: cur.Description, Direction: cur.Direction, AgeFrom: cur.AgeFrom,
		AgeTo: cur.AgeTo, Registry: cur.Registry, FormOfStudy: cur.FormOfStudy, OVZ: cur.OVZ, Address: cur.Address,
		Status: cur.Status, Modules: cur.Modules}
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	p, err := s.svc.UpdateProgram(r.Context(), actorOf(r), id, in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiProviderCreateGroup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in navigator.GroupInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	gid, err := s.svc.CreateGroup(r.Context(), actorOf(r), id, in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": gid, "program_id": id})
}

func (s *Server) apiProviderPatchGroup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in navigator.GroupInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.UpdateGroup(r.Context(), actorOf(r), id, in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id})
}
