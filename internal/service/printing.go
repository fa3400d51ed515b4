package service

import (
	"context"
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/printing"
	"navigator/internal/store"
)

// certificatePDF renders the blank of a child's certificate.
func (s *Service) certificatePDF(ctx context.Context, c *store.ChildRecord) ([]byte, error) {
	if c.Certificate == nil {
		return nil, navigator.NotFound("У ребёнка нет сертификата.")
	}
	blank := printing.CertificateBlank{ChildName: c.FullName(), BirthDate: c.BirthDate.Russian(), Number: c.Certificate.Number,
		TypeTitle: c.Certificate.Title(), IssuedAt: c.Certificate.IssuedAt.In(navigator.Zone)}
	if c.FullName() == "Без ФИО" {
		blank.ChildName = ""
	}
	if r, err := s.db.Region(ctx); err == nil {
		blank.RegionName = r.Name
	}
	if m, err := s.db.MunicipalityByID(ctx, c.Certificate.MunicipalityID); err == nil {
		blank.Municipality = m.Name
	}
	if c.Certificate.OrganizationID != 0 {
		if o, err := s.db.Organization(ctx, c.Certificate.OrganizationID); err == nil {
			blank.Office = o.Name
		}
	}
	if c.Certificate.Type == navigator.CertificateFinancing {
		blank.Nominal = c.Certificate.Nominal.Amount() + " руб."
		if c.Certificate.Social() {
			blank.Nominal, blank.NominalLabel = c.Certificate.HoursNominal.Amount()+" ч", "Объём услуги"
		}
		if ps, err := s.db.Periods(ctx); err == nil {
			for _, p := range ps {
				if p.Current {
					blank.Period = p.Name
				}
			}
		}
	}
	pdf, err := printing.RenderCertificate(blank)
	if err != nil {
		return nil, fmt.Errorf("render certificate: %w", err)
	}
	return pdf, nil
}

// CertificatePDF prints a certificate for staff, as often as needed.
func (s *Service) CertificatePDF(ctx context.Context, a navigator.Actor, number string) ([]byte, error) {
	cert, err := s.staffCertificate(ctx, a, number)
	if err != nil {
		return nil, err
	}
	c, err := s.db.Child(ctx, cert.ChildID)
	if err != nil {
		return nil, err
	}
	e := entry(a, "certificate.print")
	e.SubjectKind, e.SubjectID = "child", c.ID
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, err
	}
	return s.certificatePDF(ctx, c)
}

// MyCertificatePDF prints the certificate of one of the parent's children.
func (s *Service) MyCertificatePDF(ctx context.Context, a navigator.Actor, childID int64) ([]byte, error) {
	c, err := s.parentChild(ctx, a, childID)
	if err != nil {
		return nil, err
	}
	return s.certificatePDF(ctx, c)
}

// paperData gathers what the application and the consent print about a
// child and the parent, audited as a read of the child's data.
func (s *Service) paperData(ctx context.Context, a navigator.Actor, childID int64, action string) (*navigator.Child, *navigator.SiteUser, string, string, string, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, nil, "", "", "", err
	}
	rec, err := s.staffChild(ctx, a, childID)
	if err != nil {
		return nil, nil, "", "", "", err
	}
	u, err := s.db.SiteUser(ctx, rec.SiteUserID)
	if err != nil {
		return nil, nil, "", "", "", err
	}
	region, municipality, office := "", "", ""
	if r, err := s.db.Region(ctx); err == nil {
		region = r.Name
	}
	if m, err := s.db.MunicipalityByID(ctx, u.MunicipalityID); err == nil {
		municipality = m.Name
	}
	if a.OrganizationID != 0 {
		if o, err := s.db.Organization(ctx, a.OrganizationID); err == nil {
			office = o.Name
		}
	}
	e := entry(a, action)
	e.SubjectKind, e.SubjectID = "child", childID
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, nil, "", "", "", err
	}
	return s.childView(rec, true), u, region, municipality, office, nil
}

// ApplicationPDF prints the pre-filled application for a certificate.
func (s *Service) ApplicationPDF(ctx context.Context, a navigator.Actor, childID int64) ([]byte, error) {
	c, u, region, municipality, office, err := s.paperData(ctx, a, childID, "child.print_application")
	if err != nil {
		return nil, err
	}
	app := printing.Application{RegionName: region, Municipality: municipality, Office: office,
		ParentName: u.FullName(), ParentPhone: navigator.FormatPhone(u.Phone), ParentEmail: u.Email,
		ChildName: c.FullName(), ChildBirthDate: c.BirthDate.Russian(), ChildSex: lower(c.Sex.Title()),
		DocumentTitle: c.Document, SNILS: c.SNILS, Date: s.now().In(navigator.Zone)}
	if sex, ok := navigator.SexOfPatronymic(u.Patronymic); ok {
		female := sex == navigator.Female
		app.ParentFemale = &female
	}
	return printing.RenderApplication(app)
}

// ConsentPDF prints the consent to the processing of personal data.
func (s *Service) ConsentPDF(ctx context.Context, a navigator.Actor, childID int64) ([]byte, error) {
	c, u, region, _, office, err := s.paperData(ctx, a, childID, "child.print_consent")
	if err != nil {
		return nil, err
	}
	return printing.RenderConsent(printing.Consent{RegionName: region, Operator: office, ParentName: u.FullName(),
		ChildName: c.FullName(), ChildBirthDate: c.BirthDate.Russian(), Date: s.now().In(navigator.Zone)})
}

func lower(s string) string { return strings.ToLower(s) }
