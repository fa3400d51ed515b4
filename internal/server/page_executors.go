package server

import (
	"fmt"
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// The pages of the registry of executors: the provider's «Реестр
// исполнителей» (its application), the keepers' list and card, and the
// public registry of each municipality.

// checklistFields are the names of the checklist form's fields.
var checklistFields = []string{"sole_teacher", navigator.ReqLicence, "licence_number", navigator.ReqNotLiquidated, navigator.ReqNoTaxArrears,
	navigator.ReqNotOffshore, navigator.ReqStaffCleared, navigator.ReqSiteInfo, "site_url"}

// myExecutorView is the provider's page.
type myExecutorView struct {
	Entry        *service.Executor // nil: never applied
	Requirements []navigator.Requirement
	Form         *form // the checklist
	DocForm      *form // one more document
	Missing      []string
	ShowForm     bool
}

func (s *Server) pageMyExecutor(w http.ResponseWriter, r *http.Request) {
	s.renderMyExecutor(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderMyExecutor(w http.ResponseWriter, r *http.Request, status int, f, docForm *form) {
	a := actorOf(r)
	x, err := s.svc.MyExecutor(r.Context(), a)
	if err != nil && navigator.ErrorKind(err) != navigator.KindNotFound || navigator.Refusal(err) {
		s.pageError(w, r, err)
		return
	}
	v := myExecutorView{Entry: x, Requirements: navigator.Requirements, Form: f, DocForm: docForm}
	v.ShowForm = x == nil || x.Status == navigator.ExecutorRefused || x.Status == navigator.ExecutorExcluded
	if v.Form == nil {
		v.Form = newForm()
		if x != nil { // applying again starts from what was confirmed before
			v.Form = checklistForm(x.Checklist)
		}
	}
	if v.DocForm == nil {
		v.DocForm = newForm()
	}
	if x != nil {
		v.Missing = missingDocuments(x)
	}
	s.renderAdmin(w, r, status, "admin_executor.html", "Реестр исполнителей", v)
}

// missingDocuments says, for an application still pending, which
// documents its inclusion still needs; nothing for any other.
func missingDocuments(x *service.Executor) []string {
	if x.Status != navigator.ExecutorPending {
		return nil
	}
	var kinds []string
	for _, d := range x.Documents {
		kinds = append(kinds, d.Requirement)
	}
	var e *navigator.Error
	var out []string
	if err := x.Checklist.MissingDocuments(kinds); asError(err, &e) {
		for _, fe := range e.Fields {
			out = append(out, fe.Message)
		}
	}
	return out
}

// checklistForm fills the form from a checklist.
func checklistForm(c navigator.Checklist) *form {
	f := newForm()
	for _, r := range navigator.Requirements {
		if c.Confirmed(r.Code) {
			f.Values[r.Code] = "1"
		}
	}
	if c.SoleTeacher {
		f.Values["sole_teacher"] = "1"
	}
	f.Values["licence_number"], f.Values["site_url"] = c.LicenceNumber, c.SiteURL
	return f
}

// checklistOf reads the checklist from the form.
func checklistOf(f *form) navigator.Checklist {
	on := func(n string) bool { return f.Values[n] != "" }
	return navigator.Checklist{SoleTeacher: on("sole_teacher"), Licence: on(navigator.ReqLicence), LicenceNumber: f.Values["licence_number"],
		NotLiquidated: on(navigator.ReqNotLiquidated), NoTaxArrears: on(navigator.ReqNoTaxArrears), NotOffshore: on(navigator.ReqNotOffshore),
		StaffCleared: on(navigator.ReqStaffCleared), SiteInfo: on(navigator.ReqSiteInfo), SiteURL: f.Values["site_url"]}
}

// errorsByField moves "checklist.x" and "documents.x" field errors to the
// form's names: "x" and "doc_x".
func errorsByField(f *form) {
	for name, msg := range f.Errors {
		switch {
		case len(name) > 10 && name[:10] == "checklist.":
			f.Errors[name[10:]] = msg
		case len(name) > 10 && name[:10] == "documents.":
			f.Errors["doc_"+name[10:]] = msg
		default:
			continue
		}
		delete(f.Errors, name)
	}
}

// pageApplyExecutor is «Подать заявку»: the checklist with the documents
// the checklist asks for, in one transaction.
func (s *Server) pageApplyExecutor(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	if err := s.svc.MayApplyExecutor(a); err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := parseUpload(r); err != nil && navigator.ErrorKind(err) == navigator.KindMalformed {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, checklistFields...)
	var docs []service.NewExecutorDocument
	for _, req := range navigator.Requirements {
		if req.Document == "" {
			continue
		}
		d, err := uploadedDocument(r, "doc_"+req.Code, req.Code)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if len(d.Body) > 0 {
			docs = append(docs, d)
		}
	}
	if _, err := s.svc.ApplyExecutor(r.Context(), a, 0, checklistOf(f), docs); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		errorsByField(f)
		s.renderMyExecutor(w, r, statusOfForm(err), f, nil)
		return
	}
	http.Redirect(w, r, "/admin/executor?done=executor_applied", http.StatusSeeOther)
}

// pageAttachExecutorDocument adds one document to the pending application.
func (s *Server) pageAttachExecutorDocument(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	x, err := s.svc.MyExecutor(r.Context(), a)
	if navigator.ErrorKind(err) == navigator.KindNotFound && !navigator.Refusal(err) {
		f := newForm()
		f.Message = "Сначала подайте заявку: документы прикладываются к ней."
		s.renderMyExecutor(w, r, http.StatusConflict, nil, f)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if err := parseUpload(r); err != nil && navigator.ErrorKind(err) == navigator.KindMalformed {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "requirement")
	d, err := uploadedDocument(r, "file", f.Values["requirement"])
	if err == nil {
		_, err = s.svc.AttachExecutorDocument(r.Context(), a, x.ID, d)
	}
	if err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderMyExecutor(w, r, statusOfForm(err), nil, f)
		return
	}
	http.Redirect(w, r, "/admin/executor?done=executor_document", http.StatusSeeOther)
}

func (s *Server) pageDeleteExecutorDocument(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	doc, err := pathID(r, "doc")
	var x *service.Executor
	if err == nil {
		x, err = s.svc.MyExecutor(r.Context(), a)
	}
	if err == nil {
		err = s.svc.DeleteExecutorDocument(r.Context(), a, x.ID, doc)
	}
	if err != nil {
		if navigator.ErrorKind(err) == navigator.KindConflict {
			f := newForm()
			f.fail(err)
			s.renderMyExecutor(w, r, http.StatusConflict, nil, f)
			return
		}
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/executor?done=executor_document_deleted", http.StatusSeeOther)
}

// executorsView is the keepers' list of applications.
type executorsView struct {
	Status   string
	Statuses []navigator.ExecutorStatus
	Rows     []service.Executor
}

func (s *Server) pageExecutors(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	if status == "" {
		status = string(navigator.ExecutorPending)
	}
	rows, err := s.svc.Executors(r.Context(), actorOf(r), service.ExecutorFilter{Status: navigator.ExecutorStatus(status)})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_executors.html", "Реестр исполнителей",
		executorsView{Status: status, Statuses: []navigator.ExecutorStatus{navigator.ExecutorPending, navigator.ExecutorIncluded, navigator.ExecutorRefused, navigator.ExecutorExcluded}, Rows: rows})
}

// executorCardView is an application's card for its keeper.
type executorCardView struct {
	Entry        *service.Executor
	Requirements []navigator.Requirement
	Form         *form
	Decision     string // the decision whose form failed
	Missing      []string
}

func (s *Server) pageExecutorCard(w http.ResponseWriter, r *http.Request) {
	s.renderExecutorCard(w, r, http.StatusOK, newForm(), "")
}

func (s *Server) renderExecutorCard(w http.ResponseWriter, r *http.Request, status int, f *form, decision string) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.MayKeepExecutors(actorOf(r))
	}
	var x *service.Executor
	if err == nil {
		x, err = s.svc.ExecutorCard(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := executorCardView{Entry: x, Requirements: navigator.Requirements, Form: f, Decision: decision}
	v.Missing = missingDocuments(x)
	s.renderAdmin(w, r, status, "admin_executor_card.html", x.Name+" — реестр исполнителей", v)
}

// pageDecideExecutor is «Включить в реестр», «Отказать во включении» and
// «Исключить из реестра».
func (s *Server) pageDecideExecutor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.svc.MayKeepExecutors(actorOf(r))
	}
	if err == nil {
		err = s.svc.ExecutorScope(r.Context(), actorOf(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "decision", "reason")
	d := navigator.ExecutorDecision(f.Values["decision"])
	if _, err := s.svc.DecideExecutor(r.Context(), actorOf(r), id, d, f.Values["reason"]); err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderExecutorCard(w, r, statusOfForm(err), f, string(d))
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/executors/%d?done=executor_%s", id, d), http.StatusSeeOther)
}

func (s *Server) pageExecutorDocument(w http.ResponseWriter, r *http.Request) {
	s.apiExecutorDocumentAs(w, r, s.pageError)
}

// apiExecutorDocumentAs sends a document, or the error as onError shows it.
func (s *Server) apiExecutorDocumentAs(w http.ResponseWriter, r *http.Request, onError func(http.ResponseWriter, *http.Request, error)) {
	id, err := pathID(r, "id")
	var doc int64
	if err == nil {
		doc, err = pathID(r, "doc")
	}
	var d *service.ExecutorDocument
	if err == nil {
		d, err = s.svc.ExecutorDocument(r.Context(), actorOf(r), id, doc)
	}
	if err != nil {
		onError(w, r, err)
		return
	}
	writeDocument(w, d)
}

// publicExecutorsView is the public «Реестр исполнителей».
type publicExecutorsView struct {
	Municipalities []navigator.Municipality
	Chosen         navigator.Municipality
	Rows           []service.PublicExecutor
}

func (s *Server) pagePublicExecutors(w http.ResponseWriter, r *http.Request) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := publicExecutorsView{Municipalities: ms}
	chosen, _ := strconv.ParseInt(r.URL.Query().Get("municipality_id"), 10, 64)
	for _, m := range ms {
		if m.ID == chosen {
			v.Chosen = m
		}
	}
	if v.Chosen.ID != 0 {
		if v.Rows, err = s.svc.PublicExecutors(r.Context(), v.Chosen.ID, ""); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	title := "Реестр исполнителей"
	if v.Chosen.ID != 0 {
		title += ": " + v.Chosen.Name
	}
	s.render(w, r, http.StatusOK, "executors.html", title, v)
}
