package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiAdminChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.Child(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// childPatch is PATCH /admin/children/{id}: any of the names, birth date,
// sex, deleted, СНИЛС and identity document.
type childPatch struct {
	LastName       *string                 `json:"last_name"`
	FirstName      *string                 `json:"first_name"`
	Patronymic     *string                 `json:"patronymic"`
	BirthDate      *navigator.Date         `json:"birth_date"`
	Sex            *navigator.Sex          `json:"sex"`
	Deleted        *bool                   `json:"deleted"`
	SNILS          *string                 `json:"snils"`
	DocumentType   *navigator.DocumentType `json:"document_type"`
	DocumentSeries string                  `json:"document_series"`
	DocumentNumber string                  `json:"document_number"`
}

func (s *Server) apiAdminPatchChild(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var p childPatch
	if err := httpjson.Decode(r, &p); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	ch := service.ChildChange{Deleted: p.Deleted, SNILS: p.SNILS, DocumentType: p.DocumentType,
		DocumentSeries: p.DocumentSeries, DocumentNumber: p.DocumentNumber}
	if p.LastName != nil || p.FirstName != nil || p.Patronymic != nil || p.BirthDate != nil || p.Sex != nil {
		cur, err := s.svc.Child(r.Context(), actorOf(r), id)
		if err != nil {
			s.writeProblem(w, r, err)
			return
		}
		in := navigator.ChildInput{LastName: cur.LastName, FirstName: cur.FirstName, Patronymic: cur.Patronymic, BirthDate: cur.BirthDate, Sex: cur.Sex}
		setStr(&in.LastName, p.LastName)
		setStr(&in.FirstName, p.FirstName)
		setStr(&in.Patronymic, p.Patronymic)
		if p.BirthDate != nil {
			in.BirthDate = *p.BirthDate
		}
		if p.Sex != nil {
			in.Sex = *p.Sex
		}
		ch.Input = &in
	}
	c, err := s.svc.UpdateChild(r.Context(), actorOf(r), id, ch)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func setStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func (s *Server) apiAdminConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var body struct {
		SNILS string `json:"snils"`
	}
	if err := httpjson.Decode(r, &body); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	c, err := s.svc.Confirm(r.Context(), actorOf(r), id, body.SNILS)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// certificateRequest is the body of «Новый сертификат».
type certificateRequest struct {
	Type       navigator.CertificateType `json:"type"`
	Nominal    *navigator.Money          `json:"nominal"`
	DataSource string                    `json:"data_source"`
	PapersKept bool                      `json:"papers_kept"`
}

// certificateView is a certificate as API.md shows it.
type certificateView struct {
	Number         string                      `json:"number"`
	Type           navigator.CertificateType   `json:"type"`
	TypeTitle      string                      `json:"type_title"`
	Status         navigator.CertificateStatus `json:"status"`
	Nominal        navigator.Money             `json:"nominal"`
	Balance        navigator.Money             `json:"balance"`
	Reserve        navigator.Money             `json:"reserve"`
	IssuedAt       string                      `json:"issued_at"`
	IssuedBy       int64                       `json:"issued_by,omitempty"`
	OrganizationID int64                       `json:"organization_id,omitempty"`
	ChildID        int64                       `json:"child_id"`
	DataSource     string                      `json:"data_source"`
	// FinancingQueue is the place in the queue for a financing
	// certificate while the municipality's quota is full.
	FinancingQueue int `json:"financing_queue_position,omitempty"`
}

func viewCertificate(c *navigator.Certificate) certificateView {
	return certificateView{Number: c.Number, Type: c.Type, TypeTitle: c.Type.Title(), Status: c.Status, Nominal: c.Nominal,
		Balance: c.Balance, Reserve: c.Reserve, IssuedAt: c.IssuedAt.Format("2006-01-02T15:04:05Z07:00"), IssuedBy: c.IssuedBy,
		OrganizationID: c.OrganizationID, ChildID: c.ChildID, DataSource: c.DataSource, FinancingQueue: c.FinancingQueue}
}

var validSources = map[string]bool{"": true, "manual": true, "contingent": true, "contingent_unavailable": true,
	"contingent_not_found": true, "without_personal_data": true}

func (s *Server) apiAdminIssue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var req certificateRequest
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if !validSources[req.DataSource] {
		s.writeProblem(w, r, navigator.Invalid(navigator.FieldError{Field: "data_source", Code: "unknown", Message: "Неизвестный источник данных."}))
		return
	}
	c, err := s.svc.IssueCertificate(r.Context(), actorOf(r), id, service.IssueRequest{Type: req.Type, Nominal: req.Nominal,
		DataSource: req.DataSource, PapersKept: req.PapersKept})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, viewCertificate(c))
}

func (s *Server) apiAdminCertificate(w http.ResponseWriter, r *http.Request) {
	c, err := s.svc.Certificate(r.Context(), actorOf(r), r.PathValue("number"))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewCertificate(c))
}

func (s *Server) apiAdminPatchCertificate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Type    navigator.CertificateType   `json:"type"`
		Nominal *navigator.Money            `json:"nominal"`
		Status  navigator.CertificateStatus `json:"status"`
	}
	if err := httpjson.Decode(r, &req); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	number := r.PathValue("number")
	var c *navigator.Certificate
	var err error
	if req.Type != "" || req.Nominal != nil {
		if c, err = s.svc.ChangeCertificate(r.Context(), actorOf(r), number, req.Type, req.Nominal); err != nil {
			s.writeProblem(w, r, err)
			return
		}
	}
	if req.Status != "" {
		if c, err = s.svc.SetCertificateStatus(r.Context(), actorOf(r), number, req.Status); err != nil {
			s.writeProblem(w, r, err)
			return
		}
	}
	if c == nil {
		// Nothing to change: who may not see the certificate hears so first.
		if _, err := s.svc.Certificate(r.Context(), actorOf(r), number); err != nil {
			s.writeProblem(w, r, err)
			return
		}
		s.writeProblem(w, r, navigator.Invalid(navigator.FieldError{Field: "type", Code: "required", Message: "Укажите type, nominal или status."}))
		return
	}
	writeJSON(w, http.StatusOK, viewCertificate(c))
}
