package server

import (
	"net/http"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/httpjson"
)

func (s *Server) apiContingentLookup(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ChildID      int64                  `json:"child_id"`
		DocumentType navigator.DocumentType `json:"document_type"`
		Series       string                 `json:"series"`
		Number       string                 `json:"number"`
		BirthDate    navigator.Date         `json:"birth_date"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	res, err := s.svc.ContingentLookup(r.Context(), actorOf(r), req.ChildID, contingent.Query{DocumentType: req.DocumentType,
		Series: req.Series, Number: req.Number, BirthDate: req.BirthDate})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
