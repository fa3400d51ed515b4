package server

import (
	"net/http"
	"strconv"
	"strings"

	"navigator"
)

// apiAudit answers who saw or changed a person's data: ?subject=child:{id}
// or site_user:{id}. Only the regional admin may read it.
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	kind, idText, ok := strings.Cut(r.URL.Query().Get("subject"), ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || (kind != "child" && kind != "site_user") {
		s.writeProblem(w, r, &navigator.Error{Kind: navigator.KindMalformed, Message: "Параметр subject — child:{id} или site_user:{id}.",
			Fields: []navigator.FieldError{{Field: "subject", Code: "format", Message: "child:{id} или site_user:{id}"}}})
		return
	}
	entries, err := s.svc.AuditOf(r.Context(), actorOf(r), kind, id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": entries, "total": len(entries)})
}
