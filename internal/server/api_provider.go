package server

import (
	"net/http"

	"navigator/internal/httpjson"

	"navigator"
)

func (s *Server) apiProviderApplications(w http.ResponseWriter, r *http.Request) {
	var bad navigator.Fields
	groupID := int64(queryInt(r, "group_id", &bad))
	if len(bad) > 0 {
		s.writeProblem(w, r, &navigator.Error{Kind: navigator.KindMalformed, Message: bad[0].Message, Fields: bad})
		return
	}
	rows, err := s.svc.ProviderApplications(r.Context(), actorOf(r), groupID, r.URL.Query().Get("status"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rows, "total": len(rows)})
}

func (s *Server) apiProviderAccept(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	o, err := s.svc.AcceptApplication(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "status": navigator.AppAccepted, "status_text": navigator.AppAccepted.Text(),
		"contract": map[string]any{"number": o.Number, "status": navigator.ContractOffered, "monthly_price": o.Terms.PricePerMonth,
			"certificate_pays": o.Terms.CertificateMonthly, "family_pays": o.Terms.FamilyMonthly, "starts_on": o.Terms.StartsOn,
			"ends_on": o.Terms.EndsOn, "accept_by": o.ExpiresOn}})
}

func (s *Server) apiProviderReject(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.RejectApplication(r.Context(), actorOf(r), id, req.Reason); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "status": navigator.AppRejected, "status_text": navigator.AppRejected.Text()})
}

func (s *Server) apiProviderEnroll(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req struct {
		PaperContract bool `json:"paper_contract"`
	}
	if err := httpjson.DecodeOptional(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	k, err := s.svc.EnrollApplication(r.Context(), actorOf(r), id, req.PaperContract)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "status": navigator.AppEnrolled, "status_text": navigator.AppEnrolled.Text(), "contract": k})
}

func (s *Server) apiProviderEndContract(w http.ResponseWriter, r *http.Request) {
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
	if err := s.svc.EndContract(r.Context(), actorOf(r), id, navigator.ContractEnding{Reason: req.Reason, On: req.EndsOn}); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "contract": "ending"})
}
