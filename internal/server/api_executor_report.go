package server

import (
	"context"
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiCreateExecutorReport(w http.ResponseWriter, r *http.Request) {
	var req struct {
		OrganizationID int64  `json:"organization_id"`
		MunicipalityID int64  `json:"municipality_id"`
		Month          string `json:"month"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	rep, err := s.svc.CreateExecutorReport(r.Context(), actorOf(r), req.OrganizationID, req.MunicipalityID, req.Month)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, rep)
}

func (s *Server) apiExecutorReports(w http.ResponseWriter, r *http.Request) {
	list, err := s.svc.ExecutorReports(r.Context(), actorOf(r), navigator.ReportStatus(r.URL.Query().Get("status")))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "total": len(list)})
}

func (s *Server) apiExecutorReport(w http.ResponseWriter, r *http.Request) {
	s.reportStep(w, r, func(ctx context.Context, id int64) (*service.ExecutorReport, error) {
		return s.svc.ExecutorReport(ctx, actorOf(r), id)
	})
}

func (s *Server) apiSubmitExecutorReport(w http.ResponseWriter, r *http.Request) {
	if err := httpjson.DecodeOptional(r, &struct{}{}); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.reportStep(w, r, func(ctx context.Context, id int64) (*service.ExecutorReport, error) {
		return s.svc.SubmitExecutorReport(ctx, actorOf(r), id)
	})
}

func (s *Server) apiAcceptExecutorReport(w http.ResponseWriter, r *http.Request) {
	if err := httpjson.DecodeOptional(r, &struct{}{}); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.reportStep(w, r, func(ctx context.Context, id int64) (*service.ExecutorReport, error) {
		return s.svc.AcceptExecutorReport(ctx, actorOf(r), id)
	})
}

func (s *Server) apiReturnExecutorReport(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Remarks string `json:"remarks"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.reportStep(w, r, func(ctx context.Context, id int64) (*service.ExecutorReport, error) {
		return s.svc.ReturnExecutorReport(ctx, actorOf(r), id, req.Remarks)
	})
}

// reportStep answers a step on the report named in the path with the report.
func (s *Server) reportStep(w http.ResponseWriter, r *http.Request, step func(context.Context, int64) (*service.ExecutorReport, error)) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	rep, err := step(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// apiExecutorRegister is the payment register: ?format=csv|xlsx for
// people, treasury for the treasury's import.
func (s *Server) apiExecutorRegister(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	name, ct, body, err := s.svc.RegisterFile(r.Context(), actorOf(r), id, format)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeFile(w, name, ct, body)
}
