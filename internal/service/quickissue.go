package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// QuickIssueRequest is the one-screen «Выдача без персональных данных».
type QuickIssueRequest struct {
	Email     string
	BirthDate navigator.Date
	Sex       navigator.Sex
	Type      navigator.CertificateType
}

// IssueWithoutPersonalData does seed 000's seven steps in one transaction
// for a parent who refuses to give personal data.
func (s *Service) IssueWithoutPersonalData(ctx context.Context, a navigator.Actor, r QuickIssueRequest) (*store.QuickIssueResult, error) {
	if err := require(a, navigator.PermIssueCertificates); err != nil {
		return nil, err
	}
	var f navigator.Fields
	email, ok := navigator.NormalizeEmail(r.Email)
	if !ok {
		f.Add("email", "format", "Укажите адрес электронной почты, заранее созданный организацией для этой цели.")
	}
	in := navigator.ChildInput{BirthDate: r.BirthDate, Sex: r.Sex}
	if err := in.Validate(s.today()); err != nil {
		var e *navigator.Error
		if asError(err, &e) {
			f = append(f, e.Fields...)
		}
	}
	if r.Type != navigator.CertificateAccounting && r.Type != navigator.CertificateFinancing {
		f.Add("type", "required", "Выберите тип сертификата: учёта или финансирования.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	e := entry(a, "certificate.issue_without_personal_data")
	return s.db.IssueWithoutPersonalData(ctx, store.QuickIssue{MunicipalityID: a.MunicipalityID, Email: email, BirthDate: r.BirthDate,
		Sex: r.Sex, Type: r.Type, StaffID: a.ID, OrganizationID: a.OrganizationID}, e)
}
