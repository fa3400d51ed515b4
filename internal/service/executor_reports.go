package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// CreateExecutorReport forms the provider's report of a month's hours
// given by the social certificates of a municipality (by default the
// provider's own). An organization_id of 0 is the caller's own.
func (s *Service) CreateExecutorReport(ctx context.Context, a navigator.Actor, organizationID, municipalityID int64, month string) (*store.ExecutorReport, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	if organizationID == 0 {
		organizationID = a.OrganizationID // the caller's own
	}
	if organizationID != a.OrganizationID {
		return nil, outOfScope()
	}
	if municipalityID == 0 {
		o, err := s.db.Organization(ctx, organizationID)
		if err != nil {
			return nil, err
		}
		municipalityID = o.MunicipalityID
	}
	rule, err := s.HoursRule(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.CreateExecutorReport(ctx, store.NewReport{OrganizationID: organizationID, MunicipalityID: municipalityID, Month: month, StaffID: a.ID, Rule: rule},
		entry(a, "executor_report.form"))
}

// SubmitExecutorReport sends the provider's draft to the municipality.
func (s *Service) SubmitExecutorReport(ctx context.Context, a navigator.Actor, id int64) (*store.ExecutorReport, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	rule, err := s.HoursRule(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.db.SubmitExecutorReport(ctx, id, a.OrganizationID, rule, entry(a, "executor_report.submit"))
	return r, hideNotFound(err)
}

// AcceptExecutorReport is the municipal admin's acceptance, which charges
// the certificates' hours.
func (s *Service) AcceptExecutorReport(ctx context.Context, a navigator.Actor, id int64) (*store.ExecutorReport, error) {
	if err := require(a, navigator.PermPayExecutors); err != nil {
		return nil, err
	}
	r, err := s.db.AcceptExecutorReport(ctx, id, a.MunicipalityID, a.ID, entry(a, "executor_report.accept"))
	return r, hideNotFound(err)
}

// ReturnExecutorReport sends a submitted report back with remarks.
func (s *Service) ReturnExecutorReport(ctx context.Context, a navigator.Actor, id int64, remarks string) (*store.ExecutorReport, error) {
	if err := require(a, navigator.PermPayExecutors); err != nil {
		return nil, err
	}
	r, err := s.db.ReturnExecutorReport(ctx, id, a.MunicipalityID, a.ID, remarks, entry(a, "executor_report.return"))
	return r, hideNotFound(err)
}

// hideNotFound marks a not-found as a refusal of scope for the audit.
func hideNotFound(err error) error {
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		return outOfScope()
	}
	return err
}

// reportReader refuses reports to roles that have none.
func reportReader(a navigator.Actor) error {
	if !a.SignedIn() {
		return navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	switch a.Role {
	case navigator.RoleProvider, navigator.RoleMunicipalAdmin, navigator.RoleRegionalAdmin:
		return nil
	}
	return forbidden("Отчёты исполнителей доступны организатору и органам управления образованием.")
}

// paysScope reports whether a report or agreement of an organization and
// a municipality is the actor's to read.
func paysScope(a navigator.Actor, organizationID, municipalityID int64) bool {
	switch a.Role {
	case navigator.RoleRegionalAdmin:
		return true
	case navigator.RoleProvider:
		return a.OrganizationID == organizationID
	case navigator.RoleMunicipalAdmin:
		return a.MunicipalityID == municipalityID
	}
	return false
}

// ExecutorReport is one report for its provider, its municipality and
// the region; it names children, so the read is audited.
func (s *Service) ExecutorReport(ctx context.Context, a navigator.Actor, id int64) (*store.ExecutorReport, error) {
	if err := reportReader(a); err != nil {
		return nil, err
	}
	r, err := s.db.ExecutorReport(ctx, id)
	if err != nil {
		return nil, hideNotFound(err)
	}
	if !paysScope(a, r.OrganizationID, r.MunicipalityID) {
		return nil, outOfScope()
	}
	e := entry(a, "executor_report.read")
	e.SubjectKind, e.SubjectID = "executor_report", id
	return r, s.db.Audit(ctx, *e)
}

// ExecutorReports lists the reports in the actor's scope, in a status.
func (s *Service) ExecutorReports(ctx context.Context, a navigator.Actor, status navigator.ReportStatus) ([]store.ExecutorReport, error) {
	if err := reportReader(a); err != nil {
		return nil, err
	}
	f := store.ReportFilter{Status: status}
	switch a.Role {
	case navigator.RoleProvider:
		f.OrganizationID = a.OrganizationID
	case navigator.RoleMunicipalAdmin:
		f.MunicipalityID = a.MunicipalityID
	}
	return s.db.ExecutorReports(ctx, f)
}

// ExecutorRegister is the payment register of an accepted report with
// the region's advance share.
func (s *Service) ExecutorRegister(ctx context.Context, a navigator.Actor, id int64) (*store.ExecutorReport, int, error) {
	r, err := s.ExecutorReport(ctx, a, id)
	if err != nil {
		return nil, 0, err
	}
	if r.Status != navigator.ReportAccepted {
		return nil, 0, &navigator.Error{Kind: navigator.KindConflict, Code: "not_accepted", Message: "Реестр на оплату формируется по принятому отчёту."}
	}
	share, err := s.AdvanceShare(ctx)
	return r, share, err
}
