package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// inboxView is the provider's «Заявки».
type inboxView struct {
	Rows     []service.InboxRow
	Total    int
	Pager    pager
	Filter   service.InboxFilter
	Programs []navigator.Program
	Groups   []navigator.Group
	Statuses []navigator.ApplicationStatus
	Query    string // the filter, to come back to after an action
	// The application an action failed on, with what was typed.
	FailedID int64
	Form     *form
}

// inboxFilter reads the filter of «Заявки» from a query.
func inboxFilter(q url.Values) service.InboxFilter {
	f := service.InboxFilter{Status: q.Get("status")}
	if navigator.ApplicationStatus(f.Status).Title() == "" {
		f.Status = ""
	}
	f.ProgramID, _ = strconv.ParseInt(q.Get("program_id"), 10, 64)
	f.GroupID, _ = strconv.ParseInt(q.Get("group_id"), 10, 64)
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	return f
}

// query writes the filter back as a query, without the page when first.
func inboxQuery(f service.InboxFilter) url.Values {
	q := url.Values{}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if f.ProgramID != 0 {
		q.Set("program_id", strconv.FormatInt(f.ProgramID, 10))
	}
	if f.GroupID != 0 {
		q.Set("group_id", strconv.FormatInt(f.GroupID, 10))
	}
	if f.Page > 1 {
		q.Set("page", strconv.Itoa(f.Page))
	}
	return q
}

func (s *Server) pageProviderInbox(w http.ResponseWriter, r *http.Request) {
	s.renderInbox(w, r, http.StatusOK, inboxFilter(r.URL.Query()), 0, newForm())
}

func (s *Server) renderInbox(w http.ResponseWriter, r *http.Request, status int, f service.InboxFilter, failed int64, fm *form) {
	ctx, a := r.Context(), actorOf(r)
	rows, total, err := s.svc.ProviderInbox(ctx, a, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	programs, err := s.svc.ProviderPrograms(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := inboxView{Rows: rows, Total: total, Filter: f, Programs: programs, FailedID: failed, Form: fm,
		Statuses: []navigator.ApplicationStatus{navigator.AppPending, navigator.AppAccepted, navigator.AppEnrolled, navigator.AppWaitlisted,
			navigator.AppRejected, navigator.AppCancelled, navigator.AppCompleted}}
	if f.ProgramID != 0 {
		if p, err := s.svc.ProviderProgram(ctx, a, f.ProgramID); err == nil {
			v.Groups = p.Groups
		}
	}
	q := inboxQuery(f)
	v.Query = q.Encode()
	q.Del("page")
	v.Pager = newPager("/admin/applications", q, navigator.PageOf(f.Page, f.PerPage, service.InboxPerPage), total)
	s.renderAdmin(w, r, status, "admin_applications.html", "Заявки", v)
}

// pageProviderDecide is «Принять», «Отклонить», «Зачислить по бумажному
// договору» and «Расторгнуть договор» on an application. A mistake (no
// reason, no paper mark, a wrong date) is shown beside the application
// with what was typed, on the same page.
func (s *Server) pageProviderDecide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	back, _ := url.ParseQuery(r.PostFormValue("back"))
	filter := inboxFilter(back)
	fm := formFrom(r, "reason", "ends_on", "paper_contract")
	done := "saved"
	switch r.PostFormValue("action") {
	case "accept":
		_, err = s.svc.AcceptApplication(ctx, a, id)
		done = "offered"
	case "reject":
		err = s.svc.RejectApplication(ctx, a, id, fm.Values["reason"])
		done = "rejected"
	case "enroll":
		_, err = s.svc.EnrollApplication(ctx, a, id, fm.Values["paper_contract"] != "")
		done = "enrolled"
	case "end":
		e := navigator.ContractEnding{Reason: fm.Values["reason"]}
		if v := fm.Values["ends_on"]; v != "" {
			if e.On, err = navigator.ParseDate(v); err != nil {
				err = navigator.Invalid(navigator.FieldError{Field: "ends_on", Code: "date", Message: "Дата в виде ДД.ММ.ГГГГ."})
			}
		}
		if err == nil {
			err = s.svc.EndContract(ctx, a, id, e)
		}
		done = "ending"
	default:
		if err = s.svc.ApplicationScope(ctx, a, id); err == nil {
			err = navigator.Errorf(navigator.KindMalformed, "Неизвестное действие.")
		}
	}
	if err != nil {
		if !fm.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderInbox(w, r, statusOfForm(err), filter, id, fm)
		return
	}
	q := inboxQuery(filter)
	q.Set("done", done)
	http.Redirect(w, r, fmt.Sprintf("/admin/applications?%s#app-%d", q.Encode(), id), http.StatusSeeOther)
}
