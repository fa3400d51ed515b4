package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/report"
	"navigator/internal/service"
)

// reportFilter reads a report's filter from the query: municipality_id,
// office_id, provider_id, from and to (YYYY-MM-DD or ДД.ММ.ГГГГ), month
// (YYYY-MM).
func reportFilter(q url.Values) (report.Filter, error) {
	var f report.Filter
	var bad navigator.Fields
	for name, dst := range map[string]*int64{"municipality_id": &f.MunicipalityID, "office_id": &f.OfficeID, "provider_id": &f.ProviderID} {
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				bad.Add(name, "format", fmt.Sprintf("Параметр «%s» должен быть положительным целым числом.", name))
			}
			*dst = n
		}
	}
	for name, dst := range map[string]*navigator.Date{"from": &f.From, "to": &f.To} {
		if v := q.Get(name); v != "" {
			d, err := navigator.ParseDate(v)
			if err != nil {
				bad.Add(name, "format", "Дата — в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ.")
			}
			*dst = d
		}
	}
	if f.Month = q.Get("month"); f.Month != "" {
		if _, err := time.Parse("2006-01", f.Month); err != nil {
			bad.Add("month", "format", "Месяц — в виде ГГГГ-ММ, например 2026-10.")
		}
	}
	return f, bad.Err()
}

// apiReport answers a report as JSON {items, total} or, with
// ?format=csv|xlsx, as a file with Russian headers.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	name := report.Name(r.PathValue("name"))
	f, err := reportFilter(r.URL.Query())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	switch format := r.URL.Query().Get("format"); format {
	case "", "json":
		res, err := s.svc.Report(r.Context(), actorOf(r), name, f)
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"report": res.Name, "title": res.Title, "items": res.Items, "total": res.Total})
	default:
		filename, contentType, body, err := s.svc.ReportFile(r.Context(), actorOf(r), name, f, format)
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		writeFile(w, filename, contentType, body)
	}
}

// writeFile answers with a file to download.
func writeFile(w http.ResponseWriter, filename, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, filename))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// reportJobView is a background report in the API.
type reportJobView struct {
	ID        int64     `json:"id"`
	Report    string    `json:"report"`
	Title     string    `json:"title"`
	Format    string    `json:"format"`
	Status    string    `json:"status"`
	Progress  int       `json:"progress"`
	Rows      int       `json:"rows"`
	CreatedAt time.Time `json:"created_at"`
	FileURL   string    `json:"file_url,omitempty"`
	Message   string    `json:"message,omitempty"`
}

func jobView(j *service.ReportJob) reportJobView {
	v := reportJobView{ID: j.ID, Report: j.Report, Title: j.Title, Format: j.Format, Status: j.Status(), Progress: j.Progress, Rows: j.Rows,
		CreatedAt: j.CreatedAt}
	switch v.Status {
	case "done":
		v.FileURL = fmt.Sprintf("/api/v1/admin/report-jobs/%d/file", j.ID)
	case "empty":
		v.Message = "В отчёте нет данных для выбранных условий: файл не сформирован."
	case "failed":
		v.Message = "Отчёт не удалось сформировать. Закажите его ещё раз."
	}
	return v
}

// apiReportJobCreate orders a report file made in the background: 202
// with the job; the filter comes from the query and the optional body.
func (s *Server) apiReportJobCreate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.ContentLength != 0 {
		var req struct {
			Format         string `json:"format"`
			MunicipalityID int64  `json:"municipality_id"`
			OfficeID       int64  `json:"office_id"`
			ProviderID     int64  `json:"provider_id"`
			From           string `json:"from"`
			To             string `json:"to"`
			Month          string `json:"month"`
		}
		if err := httpjson.Decode(r, &req); err != nil {
			s.writeProblem(w, r, err)
			return
		}
		for k, v := range map[string]string{"format": req.Format, "from": req.From, "to": req.To, "month": req.Month,
			"municipality_id": idText(req.MunicipalityID), "office_id": idText(req.OfficeID), "provider_id": idText(req.ProviderID)} {
			if v != "" {
				q.Set(k, v)
			}
		}
	}
	f, err := reportFilter(q)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	j, err := s.svc.EnqueueReport(r.Context(), actorOf(r), report.Name(r.PathValue("name")), f, q.Get("format"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/admin/report-jobs/%d", j.ID))
	writeJSON(w, http.StatusAccepted, jobView(j))
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func (s *Server) apiReportJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	j, err := s.svc.ReportJob(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, jobView(j))
}

func (s *Server) apiReportJobFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	filename, contentType, body, err := s.svc.ReportJobFile(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeFile(w, filename, contentType, body)
}

// apiReportSettings answers the region's report settings.
func (s *Server) apiReportSettings(w http.ResponseWriter, r *http.Request) {
	share, err := s.svc.ReportSettings(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	rule, err := s.svc.HoursRule(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"advance_share_percent": share, "absent_valid_counts": rule.AbsentValidCounts})
}

// apiPatchReportSettings is the regional admin's change of the advance
// share and of whether a lesson missed for a valid reason is paid:
// {"advance_share_percent": 80, "absent_valid_counts": true}, either.
func (s *Server) apiPatchReportSettings(w http.ResponseWriter, r *http.Request) {
	var req struct {
		AdvanceSharePercent *int  `json:"advance_share_percent"`
		AbsentValidCounts   *bool `json:"absent_valid_counts"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if req.AdvanceSharePercent != nil || req.AbsentValidCounts == nil {
		if err := s.svc.SetAdvanceShare(r.Context(), actorOf(r), req.AdvanceSharePercent); err != nil {
			s.writeProblem(w, r, err)
			return
		}
	}
	if req.AbsentValidCounts != nil {
		if err := s.svc.SetHoursRule(r.Context(), actorOf(r), navigator.HoursRule{AbsentValidCounts: *req.AbsentValidCounts}); err != nil {
			s.writeProblem(w, r, err)
			return
		}
	}
	s.apiReportSettings(w, r)
}
