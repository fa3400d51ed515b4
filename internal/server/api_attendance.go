package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
)

// apiAttendanceMonth is GET /api/v1/admin/groups/{id}/attendance?month=YYYY-MM:
// the month's lessons × children.
func (s *Server) apiAttendanceMonth(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	month := r.URL.Query().Get("month")
	if month == "" {
		month = navigator.Today(s.svc.Now()).String()[:7]
	}
	j, err := s.svc.AttendanceMonth(r.Context(), actorOf(r), id, month)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

// apiPutAttendance is PUT /api/v1/admin/groups/{id}/attendance/{date}.
func (s *Server) apiPutAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	on, err := navigator.ParseDate(r.PathValue("date"))
	if err != nil {
		s.writeProblem(w, r, navigator.Invalid(navigator.FieldError{Field: "date", Code: "format", Message: "Дата занятия записывается как ГГГГ-ММ-ДД."}))
		return
	}
	var req struct {
		Entries []navigator.AttendanceEntry `json:"entries"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	day, err := s.svc.PutAttendance(r.Context(), actorOf(r), id, on, req.Entries)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, day)
}
