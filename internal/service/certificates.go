package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// IssueRequest is «Новый сертификат».
type IssueRequest struct {
	Type       navigator.CertificateType
	Nominal    *navigator.Money
	DataSource string // how the child's data was checked
	PapersKept bool   // the office keeps the signed application and consent
}

// IssueCertificate is «Выдать сертификат» / «Сгенерировать номер
// сертификата» at a certificate office.
func (s *Service) IssueCertificate(ctx context.Context, a navigator.Actor, childID int64, r IssueRequest) (*navigator.Certificate, error) {
	if err := require(a, navigator.PermIssueCertificates); err != nil {
		return nil, err
	}
	if _, err := s.staffChild(ctx, a, childID); err != nil {
		return nil, err
	}
	if !r.Type.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "type", Code: "required", Message: "Выберите тип сертификата."})
	}
	if r.Nominal != nil && r.Type != navigator.CertificateFinancing {
		return nil, navigator.Invalid(navigator.FieldError{Field: "nominal", Code: "not_financing", Message: "Номинал указывается только для сертификата финансирования."})
	}
	e := entry(a, "certificate.issue")
	e.Details = string(r.Type)
	return s.db.IssueCertificate(ctx, store.Issue{ChildID: childID, Type: r.Type, Nominal: r.Nominal, StaffID: a.ID,
		OrganizationID: a.OrganizationID, DataSource: r.DataSource, PapersKept: r.PapersKept}, e)
}

// GenerateNumber is «Сгенерировать номер сертификата» (seed 004): the
// operator has checked the papers, so the child is confirmed, when not
// yet, and the certificate issued, in one transaction.
func (s *Service) GenerateNumber(ctx context.Context, a navigator.Actor, childID int64, r IssueRequest) (*navigator.Certificate, error) {
	if err := require(a, navigator.PermIssueCertificates); err != nil {
		return nil, err
	}
	if _, err := s.staffChild(ctx, a, childID); err != nil {
		return nil, err
	}
	if r.Type != navigator.CertificateAccounting && r.Type != navigator.CertificateFinancing {
		return nil, navigator.Invalid(navigator.FieldError{Field: "type", Code: "required", Message: "Выберите тип сертификата: учёта или финансирования."})
	}
	e := entry(a, "certificate.generate")
	e.Details = string(r.Type) + "," + r.DataSource
	return s.db.ConfirmAndIssue(ctx, store.Issue{ChildID: childID, Type: r.Type, Nominal: r.Nominal, StaffID: a.ID,
		OrganizationID: a.OrganizationID, DataSource: r.DataSource, PapersKept: r.PapersKept}, e)
}

// staffCertificate loads a certificate the actor may see.
func (s *Service) staffCertificate(ctx context.Context, a navigator.Actor, number string) (*navigator.Certificate, error) {
	if err := require(a, navigator.PermReadFamilies); err != nil {
		return nil, err
	}
	if !navigator.ValidCertificateNumber(number) {
		return nil, notFound()
	}
	c, err := s.db.Certificate(ctx, number)
	if err != nil {
		return nil, err
	}
	child, err := s.db.Child(ctx, c.ChildID)
	if err != nil {
		return nil, err
	}
	if !familyScope(a, child.MunicipalityID) {
		return nil, notFound()
	}
	return c, nil
}

// Certificate returns a certificate for staff.
func (s *Service) Certificate(ctx context.Context, a navigator.Actor, number string) (*navigator.Certificate, error) {
	c, err := s.staffCertificate(ctx, a, number)
	if err != nil {
		return nil, err
	}
	e := entry(a, "certificate.read")
	e.SubjectKind, e.SubjectID = "child", c.ChildID
	return c, s.db.Audit(ctx, *e)
}

// ChangeCertificate changes the type (and nominal); the number stays.
func (s *Service) ChangeCertificate(ctx context.Context, a navigator.Actor, number string, typ navigator.CertificateType, nominal *navigator.Money) (*navigator.Certificate, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, err
	}
	c, err := s.staffCertificate(ctx, a, number)
	if err != nil {
		return nil, err
	}
	if typ == "" {
		typ = c.Type
	}
	if !typ.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "type", Code: "unknown", Message: "Тип — unconfirmed, accounting или financing."})
	}
	if nominal != nil && typ != navigator.CertificateFinancing {
		return nil, navigator.Invalid(navigator.FieldError{Field: "nominal", Code: "not_financing", Message: "Номинал указывается только для сертификата финансирования."})
	}
	e := entry(a, "certificate.change")
	e.Details = string(c.Type) + "->" + string(typ)
	return s.db.ChangeCertificate(ctx, number, typ, nominal, e)
}

// SetCertificateStatus freezes («Заморожен») or reactivates a certificate.
func (s *Service) SetCertificateStatus(ctx context.Context, a navigator.Actor, number string, status navigator.CertificateStatus) (*navigator.Certificate, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, err
	}
	if status != navigator.CertificateActive && status != navigator.CertificateFrozen {
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown", Message: "Статус — active или frozen; закрывает сертификат система, когда ребёнку исполняется 18."})
	}
	if _, err := s.staffCertificate(ctx, a, number); err != nil {
		return nil, err
	}
	e := entry(a, "certificate.status")
	e.Details = string(status)
	return s.db.SetCertificateStatus(ctx, number, status, e)
}
