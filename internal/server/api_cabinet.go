package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

// applicationView is an application as the parent's API shows it.
type applicationView struct {
	service.ApplicationRow
	StatusTitle string `json:"status_title"`
	StatusText  string `json:"status_text"`
}

func viewApplications(rows []service.ApplicationRow) []applicationView {
	out := make([]applicationView, len(rows))
	for i, r := range rows {
		st := navigator.ApplicationStatus(r.Status)
		out[i] = applicationView{ApplicationRow: r, StatusTitle: st.Title(), StatusText: st.Text()}
	}
	return out
}

func (s *Server) apiMyApplications(w http.ResponseWriter, r *http.Request) {
	rows, err := s.svc.MyApplications(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": viewApplications(rows), "total": len(rows)})
}

func (s *Server) apiApply(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ChildID int64 `json:"child_id"`
		GroupID int64 `json:"group_id"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	id, status, err := s.svc.Apply(r.Context(), actorOf(r), req.ChildID, req.GroupID, r.Header.Get("Idempotency-Key"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, appliedAnswer{ChildID: req.ChildID, GroupID: req.GroupID, ID: id, Status: status, StatusText: status.Text()})
}

// appliedAnswer is the answer to an application: a struct, not a map,
// since every parent of the rush gets one, in the keys' order a map had.
type appliedAnswer struct {
	ChildID    int64                       `json:"child_id"`
	GroupID    int64                       `json:"group_id"`
	ID         int64                       `json:"id"`
	Status     navigator.ApplicationStatus `json:"status"`
	StatusText string                      `json:"status_text"`
}

func (s *Server) apiCancelApplication(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.CancelApplication(r.Context(), actorOf(r), id); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	st := navigator.AppCancelled
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "status": st, "status_text": st.Text()})
}

func (s *Server) apiDeferredList(w http.ResponseWriter, r *http.Request) {
	marks, err := s.svc.MyDeferred(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": marks, "total": len(marks)})
}

func (s *Server) apiDeferredGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "program_id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	marks, err := s.svc.MyDeferred(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	for _, m := range marks {
		if m.Program.ID == id {
			writeJSON(w, http.StatusOK, m)
			return
		}
	}
	s.writeProblem(w, r, navigator.NotFound("Этой программы нет среди отложенных."))
}

func (s *Server) apiDeferredPut(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "program_id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Rank int `json:"rank"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.PutDeferred(r.Context(), actorOf(r), id, req.Rank); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.apiDeferredGet(w, r)
}

func (s *Server) apiDeferredDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "program_id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.DeleteDeferred(r.Context(), actorOf(r), id); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiAddAchievement is POST /admin/children/{id}/achievements for a
// provider whose group the child applied to, and POST
// /me/children/{id}/achievements for the parent.
func (s *Server) apiAddAchievement(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Title  string         `json:"title"`
		Level  string         `json:"level"`
		Date   navigator.Date `json:"date"`
		Result string         `json:"result"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	ach := service.Achievement{ChildID: id, Title: req.Title, Level: req.Level, On: req.Date, Result: req.Result}
	a := actorOf(r)
	if a.Role == navigator.RoleParent {
		err = s.svc.AddMyAchievement(r.Context(), a, ach)
	} else {
		err = s.svc.AddAchievementByProvider(r.Context(), a, ach)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ach)
}

func (s *Server) apiMyAchievements(w http.ResponseWriter, r *http.Request) {
	items, err := s.svc.MyAchievements(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}
