package service

import (
	"context"

	"navigator"
	"navigator/internal/printing"
	"navigator/internal/store"
)

// Agreements lists the agreements by social certificate in the actor's
// scope: a provider's, a municipality's, the region's.
func (s *Service) Agreements(ctx context.Context, a navigator.Actor) ([]store.Agreement, error) {
	if err := reportReader(a); err != nil {
		return nil, err
	}
	var f store.AgreementFilter
	switch a.Role {
	case navigator.RoleProvider:
		f.OrganizationID = a.OrganizationID
	case navigator.RoleMunicipalAdmin:
		f.MunicipalityID = a.MunicipalityID
	}
	list, err := s.db.Agreements(ctx, f)
	if err != nil {
		return nil, err
	}
	e := entry(a, "agreement.list")
	return list, s.db.Audit(ctx, *e)
}

// Agreement is one agreement for its two parties and the region; the read
// is audited.
func (s *Service) Agreement(ctx context.Context, a navigator.Actor, contractID int64) (*store.Agreement, error) {
	if err := reportReader(a); err != nil {
		return nil, err
	}
	g, err := s.db.Agreement(ctx, contractID)
	if err != nil {
		return nil, hideNotFound(err)
	}
	if !paysScope(a, g.OrganizationID, g.MunicipalityID) {
		return nil, outOfScope()
	}
	e := entry(a, "agreement.read")
	e.SubjectKind, e.SubjectID = "contract", contractID
	return g, s.db.Audit(ctx, *e)
}

// AgreementPDF prints an agreement.
func (s *Service) AgreementPDF(ctx context.Context, a navigator.Actor, contractID int64) ([]byte, error) {
	g, err := s.Agreement(ctx, a, contractID)
	if err != nil {
		return nil, err
	}
	return printing.RenderAgreement(printing.Agreement{Number: g.Number, ContractNumber: g.ContractNumber, Date: s.now(),
		Municipality: g.Municipality, Executor: g.Organization, ExecutorINN: g.OrganizationINN, ExecutorAddr: g.OrganizationAddr,
		Child: g.ChildName, ChildBirth: g.ChildBirth.Russian(), Certificate: g.CertificateNumber, Program: g.Program, Group: g.Group,
		StartsOn: g.StartsOn.Russian(), EndsOn: g.EndsOn.Russian(), Months: g.Months, HoursMonthly: g.HoursMonthly.Russian(), Hours: g.Hours.Russian(),
		HourCost: g.HourCost.Amount() + " руб.", Amount: g.Amount.Amount() + " руб.", Charged: g.HoursCharged.Russian()})
}
