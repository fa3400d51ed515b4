package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"navigator"
	"navigator/internal/report"
	"navigator/internal/service"
)

// chartView is a dashboard chart ready for the page; the SVG is made by
// package report, which escapes every text it writes.
type chartView struct {
	Title  string
	SVG    template.HTML
	Report report.Name
}

// reportsView is «Отчёты»: the dashboard of the role, the reports it may
// make, its background reports and, for the regional admin, the advance
// share.
type reportsView struct {
	Figures  []service.Figure
	Charts   []chartView
	Choices  *service.ReportChoices
	Jobs     []reportJobView
	Share    int
	SetShare bool
	Form     *form
	Done     string
}

func (s *Server) pageReports(w http.ResponseWriter, r *http.Request) {
	s.renderReports(w, r, http.StatusOK, newForm())
}

func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx, a := r.Context(), actorOf(r)
	d, err := s.svc.Dashboard(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := s.svc.ReportChoices(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	jobs, err := s.svc.ReportJobs(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	share, err := s.svc.ReportSettings(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := reportsView{Figures: d.Figures, Choices: c, Share: share, SetShare: a.Can(navigator.PermRunRegion), Form: f}
	if r.URL.Query().Get("done") == "share" {
		v.Done = "Настройки оплаты сохранены."
	}
	if _, ok := f.Values["advance_share_percent"]; !ok {
		f.Values["advance_share_percent"] = strconv.Itoa(share)
		if rule, err := s.svc.HoursRule(ctx); err == nil && rule.AbsentValidCounts {
			f.Values["absent_valid_counts"] = "on"
		}
	}
	for _, ch := range d.Charts {
		v.Charts = append(v.Charts, chartView{Title: ch.Title, SVG: template.HTML(ch.SVG), Report: ch.Report}) //nolint:gosec // escaped by package report
	}
	for _, j := range jobs {
		v.Jobs = append(v.Jobs, jobView(j))
	}
	s.renderAdmin(w, r, status, "admin_reports.html", "Отчёты", v)
}

// pageReportShare saves the advance share the regional admin set and
// whether a lesson missed for a valid reason is paid.
func (s *Server) pageReportShare(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "advance_share_percent", "absent_valid_counts")
	n, err := strconv.Atoi(f.Values["advance_share_percent"])
	if err != nil {
		n = -1
	}
	if err := s.svc.SetAdvanceShare(r.Context(), actorOf(r), &n); err != nil {
		if navigator.ErrorKind(err) != navigator.KindInvalid {
			s.pageError(w, r, err)
			return
		}
		f.fail(err)
		s.renderReports(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err := s.svc.SetHoursRule(r.Context(), actorOf(r), navigator.HoursRule{AbsentValidCounts: f.Values["absent_valid_counts"] != ""}); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/reports?done=share", http.StatusSeeOther)
}

// reportView is one report: its filter, its table and the ways to get it
// as a file.
type reportView struct {
	Name     report.Name
	Result   *report.Result
	Rows     [][]string
	More     int
	Choices  *service.ReportChoices
	Form     *form
	CSVURL   string // the report as files, with the same filter
	XLSXURL  string
	Dates    bool
	Month    bool
	Provider bool
	Message  string
}

// reportPageRows is how many rows a page shows; the file has them all.
const reportPageRows = 200

func (s *Server) pageReport(w http.ResponseWriter, r *http.Request) {
	ctx, a := r.Context(), actorOf(r)
	name := report.Name(r.PathValue("name"))
	q := r.URL.Query()
	c, err := s.svc.ReportChoices(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := reportView{Name: name, Choices: c, Form: newForm(), Dates: name == report.Certificates || name == report.Applications,
		Month: name == report.Statement, Provider: name == report.Statement && len(c.Providers) > 0}
	for _, k := range []string{"municipality_id", "provider_id", "from", "to", "month"} {
		v.Form.Values[k] = q.Get(k)
	}
	q.Del("format")
	v.CSVURL, v.XLSXURL = fileURL(name, q, "csv"), fileURL(name, q, "xlsx")
	f, err := reportFilter(q)
	if err != nil {
		v.Form.fail(err)
		s.renderAdmin(w, r, http.StatusUnprocessableEntity, "admin_report.html", name.Title(), v)
		return
	}
	if format := r.URL.Query().Get("format"); format != "" {
		filename, contentType, body, err := s.svc.ReportFile(ctx, a, name, f, format)
		if err == nil {
			writeFile(w, filename, contentType, body)
			return
		}
		var e *navigator.Error
		if !asError(err, &e) || e.Code != "empty_report" {
			s.reportPageError(w, r, v, err)
			return
		}
		v.Message = e.Message
		s.renderAdmin(w, r, http.StatusNotFound, "admin_report.html", name.Title(), v)
		return
	}
	res, err := s.svc.Report(ctx, a, name, f)
	if err != nil {
		s.reportPageError(w, r, v, err)
		return
	}
	v.Result = res
	v.Rows = res.Table.Rows
	if len(v.Rows) > reportPageRows {
		v.More, v.Rows = len(v.Rows)-reportPageRows, v.Rows[:reportPageRows]
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_report.html", res.Title, v)
}

// fileURL is the address of the report as a file with the filter q.
func fileURL(name report.Name, q url.Values, format string) string {
	c := url.Values{}
	for k, v := range q {
		if len(v) > 0 && v[0] != "" {
			c.Set(k, v[0])
		}
	}
	c.Set("format", format)
	return "/admin/reports/" + string(name) + "?" + c.Encode()
}

// reportPageError shows a filter mistake beside the form and anything
// else as an error page.
func (s *Server) reportPageError(w http.ResponseWriter, r *http.Request, v reportView, err error) {
	if navigator.ErrorKind(err) == navigator.KindInvalid && v.Name.Valid() {
		v.Form.fail(err)
		s.renderAdmin(w, r, http.StatusUnprocessableEntity, "admin_report.html", v.Name.Title(), v)
		return
	}
	s.pageError(w, r, err)
}

// pageReportJobCreate orders a report file made in the background and
// shows its progress.
func (s *Server) pageReportJobCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.pageError(w, r, &navigator.Error{Kind: navigator.KindMalformed, Message: "Форму не удалось прочитать."})
		return
	}
	q := r.PostForm
	f, err := reportFilter(q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	j, err := s.svc.EnqueueReport(r.Context(), actorOf(r), report.Name(r.PathValue("name")), f, q.Get("format"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/report-jobs/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
}

// pageReportJob shows a background report's progress; until it is done
// the page refreshes itself every two seconds, without JavaScript.
func (s *Server) pageReportJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	j, err := s.svc.ReportJob(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := jobView(j)
	if st := v.Status; st == "queued" || st == "running" {
		w.Header().Set("Refresh", "2")
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_report_job.html", j.Title, v)
}

func (s *Server) pageReportJobFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	filename, contentType, body, err := s.svc.ReportJobFile(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writeFile(w, filename, contentType, body)
}
