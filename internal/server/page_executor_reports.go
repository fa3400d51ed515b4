package server

import (
	"fmt"
	"net/http"

	"navigator"
	"navigator/internal/service"
)

// executorReportsView is «Отчёты исполнителя»: a provider forms a month's
// report; a municipal admin sees the reports sent to it.
type executorReportsView struct {
	Reports []service.ExecutorReport
	Form    *form
	CanForm bool
}

func (s *Server) pageExecutorReports(w http.ResponseWriter, r *http.Request) {
	s.renderExecutorReports(w, r, http.StatusOK, nil)
}

func (s *Server) renderExecutorReports(w http.ResponseWriter, r *http.Request, status int, f *form) {
	a := actorOf(r)
	list, err := s.svc.ExecutorReports(r.Context(), a, navigator.ReportStatus(r.URL.Query().Get("status")))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
		f.Values["month"] = navigator.Today(s.svc.Now()).Time().AddDate(0, -1, 0).Format("2006-01")
	}
	s.renderAdmin(w, r, status, "admin_executor_reports.html", "Отчёты исполнителя", executorReportsView{Reports: list, Form: f, CanForm: a.Can(navigator.PermRunPrograms)})
}

// pageCreateExecutorReport forms the provider's report of a month.
func (s *Server) pageCreateExecutorReport(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "month")
	a := actorOf(r)
	rep, err := s.svc.CreateExecutorReport(r.Context(), a, a.OrganizationID, 0, f.Values["month"])
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/admin/executor-reports/%d", rep.ID), http.StatusSeeOther)
		return
	}
	if !f.mistake(err) {
		s.pageError(w, r, err)
		return
	}
	if navigator.ErrorKind(err) == navigator.KindConflict {
		f.Errors["month"], f.Message = f.Message, ""
	}
	s.renderExecutorReports(w, r, http.StatusUnprocessableEntity, f)
}

// executorReportView is one report's card.
type executorReportView struct {
	Report    *service.ExecutorReport
	CanSubmit bool
	CanDecide bool
	Form      *form
	Done      string
}

func (s *Server) pageExecutorReport(w http.ResponseWriter, r *http.Request) {
	s.renderExecutorReport(w, r, http.StatusOK, newForm())
}

func (s *Server) renderExecutorReport(w http.ResponseWriter, r *http.Request, status int, f *form) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := actorOf(r)
	rep, err := s.svc.ExecutorReport(r.Context(), a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := executorReportView{Report: rep, Form: f,
		CanSubmit: a.Can(navigator.PermRunPrograms) && rep.Status == navigator.ReportDraft,
		CanDecide: a.Can(navigator.PermPayExecutors) && rep.Status == navigator.ReportSubmitted}
	switch r.URL.Query().Get("done") {
	case "submit":
		v.Done = "Отчёт направлен в муниципалитет."
	case "accept":
		v.Done = "Отчёт принят: часы списаны с сертификатов, реестр на оплату готов."
	case "return":
		v.Done = "Отчёт возвращён организатору с замечаниями."
	}
	s.renderAdmin(w, r, status, "admin_executor_report.html", "Отчёт за "+navigator.MonthTitle(rep.Month), v)
}

// pageExecutorReportAction is «Направить», «Принять» or «Вернуть».
func (s *Server) pageExecutorReportAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.executorReportAction(w, r, action) }
}

func (s *Server) executorReportAction(w http.ResponseWriter, r *http.Request, action string) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "remarks")
	a, ctx := actorOf(r), r.Context()
	switch action {
	case "submit":
		_, err = s.svc.SubmitExecutorReport(ctx, a, id)
	case "accept":
		_, err = s.svc.AcceptExecutorReport(ctx, a, id)
	case "return":
		_, err = s.svc.ReturnExecutorReport(ctx, a, id, f.Values["remarks"])
	default:
		err = navigator.NotFound("Не найдено.")
	}
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/admin/executor-reports/%d?done=%s", id, action), http.StatusSeeOther)
		return
	}
	if !f.mistake(err) {
		s.pageError(w, r, err)
		return
	}
	s.renderExecutorReport(w, r, http.StatusUnprocessableEntity, f)
}
