package server

import (
	"net/http"

	"navigator/internal/httpjson"

	"navigator"
)

// nominalCeilingJSON is the region's ceiling on municipal nominals.
type nominalCeilingJSON struct {
	FinancingNominalCeiling *navigator.Money `json:"financing_nominal_ceiling"`
}

// apiNominalCeiling answers the ceiling to the admins who set nominals.
func (s *Server) apiNominalCeiling(w http.ResponseWriter, r *http.Request) {
	c, err := s.svc.NominalCeiling(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, nominalCeilingJSON{FinancingNominalCeiling: &c})
}

// apiPutNominalCeiling is the regional admin's change of the ceiling:
// {"financing_nominal_ceiling": "50000.00"}.
func (s *Server) apiPutNominalCeiling(w http.ResponseWriter, r *http.Request) {
	var in nominalCeilingJSON
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.SetNominalCeiling(r.Context(), actorOf(r), in.FinancingNominalCeiling); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.apiNominalCeiling(w, r)
}
