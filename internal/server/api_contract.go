package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiMyContractPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	pdf, err := s.svc.MyContractPDF(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writePDF(w, "contract.pdf", pdf)
}

func (s *Server) apiAcceptContract(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	app, err := s.svc.AcceptContract(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewApplications([]service.ApplicationRow{*app})[0])
}

func (s *Server) apiEndMyContract(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Reason string         `json:"reason"`
		EndsOn navigator.Date `json:"ends_on"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.EndMyContract(r.Context(), actorOf(r), id, navigator.ContractEnding{Reason: req.Reason, On: req.EndsOn}); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	app, err := s.svc.MyApplication(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewApplications([]service.ApplicationRow{*app})[0])
}

func (s *Server) apiProviderContractPDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	pdf, err := s.svc.ProviderContractPDF(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writePDF(w, "contract.pdf", pdf)
}
