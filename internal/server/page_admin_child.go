package server

import (
	"fmt"
	"net/http"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/service"
)

// childCardView is «Редактирование ребенка».
type childCardView struct {
	Child        *navigator.Child
	Parent       *navigator.SiteUser
	Municipality string
	Tab          string
	Form         *form
	Mode         string // "", "snils", "confirm", "certificate", "document"
	Applications []service.ApplicationRow
	Lookup       *lookupView
}

// lookupView compares what the operator typed with «Контингент».
type lookupView struct {
	Result *service.LookupResult
	Rows   []compareRow
}

type compareRow struct {
	Label, Typed, Registry string
	Differs                bool
}

func (s *Server) pageAdminChild(w http.ResponseWriter, r *http.Request) {
	s.renderChildCard(w, r, http.StatusOK, r.URL.Query().Get("mode"), nil, nil)
}

func (s *Server) renderChildCard(w http.ResponseWriter, r *http.Request, status int, mode string, f *form, lookup *lookupView) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx, a := r.Context(), actorOf(r)
	c, err := s.svc.Child(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	parent, err := s.svc.ChildParent(ctx, a, c)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := childCardView{Child: c, Parent: parent, Tab: r.URL.Query().Get("tab"), Mode: mode, Form: f, Lookup: lookup}
	if m, err := s.svc.PublicMunicipality(ctx, parent.MunicipalityID); err == nil {
		v.Municipality = m.Name
	}
	if v.Form == nil {
		v.Form = newForm()
		v.Form.Values = map[string]string{"last_name": c.LastName, "first_name": c.FirstName, "patronymic": c.Patronymic,
			"birth_date": c.BirthDate.Russian(), "sex": string(c.Sex), "deleted": boolValue(c.Deleted), "type": "", "nominal": "",
			"document_type": "birth_certificate"}
	}
	if v.Tab == "applications" {
		if v.Applications, err = s.svc.ApplicationsOfChild(ctx, a, c); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderAdmin(w, r, status, "admin_child.html", "Редактирование ребенка", v)
}

// childFail shows the card again with the form's messages, or an error
// page for what is not the person's mistake.
func (s *Server) childFail(w http.ResponseWriter, r *http.Request, mode string, f *form, err error) {
	if !f.fail(err) {
		s.pageError(w, r, err)
		return
	}
	s.renderChildCard(w, r, statusOfForm(err), mode, f, nil)
}

func childURL(id int64, done string) string {
	return fmt.Sprintf("/admin/children/%d?done=%s", id, done)
}

func (s *Server) pageAdminSaveChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "last_name", "first_name", "patronymic", "birth_date", "sex", "deleted")
	in := f.childInput()
	if len(f.Errors) > 0 {
		s.renderChildCard(w, r, http.StatusUnprocessableEntity, "", f, nil)
		return
	}
	deleted := f.Values["deleted"] == "yes"
	if _, err := s.svc.UpdateChild(r.Context(), actorOf(r), id, service.ChildChange{Input: &in, Deleted: &deleted}); err != nil {
		s.childFail(w, r, "", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "saved"), http.StatusSeeOther)
}

func (s *Server) pageAdminSaveSNILS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "snils")
	snils := f.Values["snils"]
	if _, err := s.svc.UpdateChild(r.Context(), actorOf(r), id, service.ChildChange{SNILS: &snils}); err != nil {
		s.childFail(w, r, "snils", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "snils_saved"), http.StatusSeeOther)
}

// pageAdminConfirm is «Да» after «Подтвердить».
func (s *Server) pageAdminConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "snils")
	if _, err := s.svc.Confirm(r.Context(), actorOf(r), id, f.Values["snils"]); err != nil {
		s.childFail(w, r, "confirm", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "confirmed"), http.StatusSeeOther)
}

// pageAdminIssue is «Сохранить» in «Новый сертификат» and «Сгенерировать
// номер сертификата».
func (s *Server) pageAdminIssue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "type", "nominal", "data_source", "papers_kept")
	req := service.IssueRequest{Type: navigator.CertificateType(f.Values["type"]), DataSource: f.Values["data_source"],
		PapersKept: f.Values["papers_kept"] != ""}
	if !validSources[req.DataSource] {
		req.DataSource = ""
	}
	if req.Type == navigator.CertificateFinancing && f.Values["nominal"] != "" {
		n, err := navigator.ParseMoney(f.Values["nominal"])
		if err != nil {
			f.Errors["nominal"] = "Номинал — сумма в рублях, например 25000 или 25 000,00."
			s.renderChildCard(w, r, http.StatusUnprocessableEntity, "certificate", f, nil)
			return
		}
		req.Nominal = &n
	}
	if _, err := s.svc.IssueCertificate(r.Context(), actorOf(r), id, req); err != nil {
		s.childFail(w, r, "certificate", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "issued"), http.StatusSeeOther)
}

// pageAdminGenerate is «Сгенерировать номер сертификата» after the
// document and «Контингент» step.
func (s *Server) pageAdminGenerate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "type", "data_source", "papers_kept", "document_type", "document_series", "document_number")
	req := service.IssueRequest{Type: navigator.CertificateType(f.Values["type"]), DataSource: f.Values["data_source"],
		PapersKept: f.Values["papers_kept"] != ""}
	if !validSources[req.DataSource] {
		req.DataSource = ""
	}
	if _, err := s.svc.GenerateNumber(r.Context(), actorOf(r), id, req); err != nil {
		s.childFail(w, r, "document", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "issued"), http.StatusSeeOther)
}

// pageAdminChangeCertificate changes the type or freezes the certificate.
func (s *Server) pageAdminChangeCertificate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "type", "nominal", "status")
	ctx, a := r.Context(), actorOf(r)
	// The certificate is the child's of the path: a form cannot name another.
	child, err := s.svc.Child(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if child.Certificate == nil {
		s.pageError(w, r, navigator.Errorf(navigator.KindConflict, "У ребёнка ещё нет сертификата: сначала нажмите «Выдать сертификат»."))
		return
	}
	number := child.Certificate.Number
	if st := navigator.CertificateStatus(f.Values["status"]); st != "" {
		_, err = s.svc.SetCertificateStatus(ctx, a, number, st)
	} else {
		var nominal *navigator.Money
		if f.Values["nominal"] != "" {
			n, perr := navigator.ParseMoney(f.Values["nominal"])
			if perr != nil {
				f.Errors["nominal"] = "Номинал — сумма в рублях, например 25000."
				s.renderChildCard(w, r, http.StatusUnprocessableEntity, "", f, nil)
				return
			}
			nominal = &n
		}
		_, err = s.svc.ChangeCertificate(ctx, a, number, navigator.CertificateType(f.Values["type"]), nominal)
	}
	if err != nil {
		s.childFail(w, r, "", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "changed"), http.StatusSeeOther)
}

// pageAdminLookup enters the identity document and looks the child up in
// «Контингент» (seed 004).
func (s *Server) pageAdminLookup(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "document_type", "document_series", "document_number")
	ctx, a := r.Context(), actorOf(r)
	dt := navigator.DocumentType(f.Values["document_type"])
	c, err := s.svc.UpdateChild(ctx, a, id, service.ChildChange{DocumentType: &dt, DocumentSeries: f.Values["document_series"],
		DocumentNumber: f.Values["document_number"]})
	if err != nil {
		s.childFail(w, r, "document", f, err)
		return
	}
	res, err := s.svc.ContingentLookup(ctx, a, id, contingent.Query{DocumentType: dt, Series: f.Values["document_series"],
		Number: f.Values["document_number"], BirthDate: c.BirthDate})
	if err != nil {
		s.childFail(w, r, "document", f, err)
		return
	}
	lv := &lookupView{Result: res}
	if res.Found && res.Record != nil {
		rec := res.Record
		snils := ""
		if rec.SNILS != "" {
			snils = navigator.FormatSNILS(rec.SNILS)
		}
		for _, row := range []compareRow{
			{"Фамилия", c.LastName, rec.LastName, false},
			{"Имя", c.FirstName, rec.FirstName, false},
			{"Отчество", c.Patronymic, rec.Patronymic, false},
			{"Дата рождения", c.BirthDate.Russian(), rec.BirthDate.Russian(), false},
			{"Пол", c.Sex.Title(), navigator.Sex(rec.Sex).Title(), false},
			{"СНИЛС", c.SNILS, snils, false},
		} {
			row.Differs = row.Typed != row.Registry
			lv.Rows = append(lv.Rows, row)
		}
	}
	s.renderChildCard(w, r, http.StatusOK, "lookup", f, lv)
}

// pageAdminAcceptRegistry takes the child's data from «Контингент».
func (s *Server) pageAdminAcceptRegistry(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := formFrom(r, "document_type", "document_series", "document_number")
	if _, err := s.svc.AcceptContingent(r.Context(), actorOf(r), id, contingent.Query{DocumentType: navigator.DocumentType(f.Values["document_type"]),
		Series: f.Values["document_series"], Number: f.Values["document_number"]}); err != nil {
		s.childFail(w, r, "document", f, err)
		return
	}
	http.Redirect(w, r, childURL(id, "saved"), http.StatusSeeOther)
}
