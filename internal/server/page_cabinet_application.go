package server

import (
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// cabinetApplicationView is one application in «ИСТОРИЯ ЗАЯВОК»: its
// status, the provider's contacts and the contract, to read, accept,
// download and end.
type cabinetApplicationView struct {
	App           applicationView
	Contract      *service.ContractDocument
	ContractState string
	ConfirmCancel bool
	Today         navigator.Date
}

func (s *Server) pageCabinetApplication(w http.ResponseWriter, r *http.Request) {
	s.renderCabinetApplication(w, r, http.StatusOK, nil)
}

func (s *Server) renderCabinetApplication(w http.ResponseWriter, r *http.Request, status int, f *form) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	ctx, a := r.Context(), actorOf(r)
	app, err := s.svc.MyApplication(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := cabinetApplicationView{App: viewApplications([]service.ApplicationRow{*app})[0], ConfirmCancel: r.URL.Query().Get("confirm") == "cancel",
		Today: s.svc.Today()}
	if app.Contract != nil {
		if v.Contract, err = s.svc.MyContract(ctx, a, id); err != nil {
			s.pageError(w, r, err)
			return
		}
		v.ContractState = service.ContractStatusLine(v.Contract)
	}
	s.renderCabinetPage(w, r, status, "applications", "cabinet_application.html", f, v)
}

func (s *Server) pageCabinetAcceptContract(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	if _, err := s.svc.AcceptContract(r.Context(), actorOf(r), id); err != nil {
		f := newForm()
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderCabinetApplication(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, "/cabinet/applications/"+strconv.FormatInt(id, 10)+"?done=contract_accepted", http.StatusSeeOther)
}

func (s *Server) pageCabinetEndContract(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	f := formFrom(r, "reason", "ends_on")
	e := navigator.ContractEnding{Reason: f.Values["reason"]}
	var err error
	if v := f.Values["ends_on"]; v != "" {
		if e.On, err = navigator.ParseDate(v); err != nil {
			err = navigator.Invalid(navigator.FieldError{Field: "ends_on", Code: "date", Message: "Дата в виде ДД.ММ.ГГГГ."})
		}
	}
	if err == nil {
		err = s.svc.EndMyContract(r.Context(), actorOf(r), id, e)
	}
	if err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		s.renderCabinetApplication(w, r, statusOfForm(err), f)
		return
	}
	http.Redirect(w, r, "/cabinet/applications/"+strconv.FormatInt(id, 10)+"?done=contract_ending", http.StatusSeeOther)
}

func (s *Server) pageCabinetContractPDF(w http.ResponseWriter, r *http.Request) {
	id, ok := s.parentPath(w, r, "id")
	if !ok {
		return
	}
	pdf, err := s.svc.MyContractPDF(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	writePDF(w, "contract-"+strconv.FormatInt(id, 10)+".pdf", pdf)
}
