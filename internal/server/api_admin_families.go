package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiAdminSearchSiteUsers(w http.ResponseWriter, r *http.Request) {
	p := pagingOf(r, service.SiteUsersPerPage)
	rows, total, err := s.svc.SearchSiteUsers(r.Context(), actorOf(r), r.URL.Query().Get("q"), p)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if rows == nil {
		rows = []service.SiteUserRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rows, "total": total, "page": p.Page, "per_page": p.PerPage})
}

func (s *Server) apiAdminCreateSiteUser(w http.ResponseWriter, r *http.Request) {
	var in navigator.SiteUserInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	u, err := s.svc.RegisterOnBehalf(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

func (s *Server) apiAdminSiteUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	u, err := s.svc.SiteUser(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) apiAdminPatchSiteUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var p navigator.SiteUserPatch
	if err := httpjson.Decode(r, &p); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	u, err := s.svc.UpdateSiteUser(r.Context(), actorOf(r), id, p)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) apiAdminChildrenOf(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	cs, err := s.svc.Children(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": cs, "total": len(cs)})
}

func (s *Server) apiAdminAddChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in navigator.ChildInput
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.AddChild(r.Context(), actorOf(r), id, in)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}
