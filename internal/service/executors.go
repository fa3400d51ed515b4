package service

import (
	"context"
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/store"
)

// The registry of executors by social certificate (189-ФЗ). Everyone
// reads the public registry; a provider applies and attaches documents
// for its own organization only; the municipal admin of the entry's
// municipality, or the regional admin, reads the applications with their
// documents and decides. Every staff read of an application and every
// change is audited, under the organization.

// PublicExecutors is the public registry of a municipality (0 — the whole
// region). Without a status it lists the organizations included, which
// is what «the registry» means to a family and to the other systems;
// status= asks for the pending, refused or excluded ones. It says only
// what the registry publishes: name, INN, status, the day of inclusion.
func (s *Service) PublicExecutors(ctx context.Context, municipalityID int64, status string) ([]store.PublicExecutor, error) {
	st := navigator.ExecutorStatus(status)
	if st == "" {
		st = navigator.ExecutorIncluded
	}
	if !st.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown",
			Message: "Статус — один из pending, included, refused, excluded."})
	}
	if municipalityID != 0 {
		if err := s.db.MunicipalityExists(ctx, municipalityID); err != nil {
			return nil, err
		}
	}
	return s.db.PublicExecutors(ctx, municipalityID, st)
}

// MayApplyExecutor: providers, for their own organization.
func (s *Service) MayApplyExecutor(a navigator.Actor) error {
	return require(a, navigator.PermApplyExecutor)
}

// MayKeepExecutors: municipal admins and the regional admin.
func (s *Service) MayKeepExecutors(a navigator.Actor) error {
	return require(a, navigator.PermKeepExecutors)
}

// keepsExecutorsOf tells whether the actor keeps the registry of the
// municipality.
func keepsExecutorsOf(a navigator.Actor, municipalityID int64) bool {
	return a.Role == navigator.RoleRegionalAdmin || (a.Role == navigator.RoleMunicipalAdmin && a.MunicipalityID == municipalityID)
}

// executorInScope reads an entry the actor may see: a provider its
// organization's, a keeper those of its municipality; anything else is
// «not found».
func (s *Service) executorInScope(ctx context.Context, a navigator.Actor, id int64) (*store.Executor, error) {
	if !a.Can(navigator.PermApplyExecutor) && !a.Can(navigator.PermKeepExecutors) {
		return nil, require(a, navigator.PermKeepExecutors)
	}
	x, err := s.db.Executor(ctx, id)
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		return nil, outOfScope()
	}
	if err != nil {
		return nil, err
	}
	if a.Role == navigator.RoleProvider && x.OrganizationID != a.OrganizationID || a.Role != navigator.RoleProvider && !keepsExecutorsOf(a, x.MunicipalityID) {
		return nil, outOfScope()
	}
	return x, nil
}

// executorEntry starts the audit entry of an action on an entry.
func executorEntry(a navigator.Actor, action string, x *store.Executor) *store.AuditEntry {
	e := entry(a, action)
	e.SubjectKind, e.SubjectID = "organization", x.OrganizationID
	e.Details = fmt.Sprintf("executor:%d", x.ID)
	return e
}

// ApplyExecutor is a provider's application to its municipality's
// registry, with the documents sent along; organizationID 0 is the
// provider's own, another organization is «not found».
func (s *Service) ApplyExecutor(ctx context.Context, a navigator.Actor, organizationID int64, c navigator.Checklist, docs []store.NewExecutorDocument) (*store.Executor, error) {
	if err := s.MayApplyExecutor(a); err != nil {
		return nil, err
	}
	if organizationID == 0 {
		organizationID = a.OrganizationID
	}
	if organizationID != a.OrganizationID {
		return nil, outOfScope()
	}
	return s.db.ApplyExecutor(ctx, organizationID, a.ID, c, docs, entry(a, "executor.apply"))
}

// MyExecutor is the provider's own entry; «not found» until it applies.
// Reading it is audited as any staff read of an application.
func (s *Service) MyExecutor(ctx context.Context, a navigator.Actor) (*store.Executor, error) {
	if err := s.MayApplyExecutor(a); err != nil {
		return nil, err
	}
	x, err := s.db.ExecutorOf(ctx, a.OrganizationID)
	if err != nil {
		return nil, err
	}
	return x, s.db.Audit(ctx, *executorEntry(a, "executor.read", x))
}

// ExecutorCard is one application with its checklist and the list of
// its documents, for its provider and its keepers; audited.
func (s *Service) ExecutorCard(ctx context.Context, a navigator.Actor, id int64) (*store.Executor, error) {
	x, err := s.executorInScope(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return x, s.db.Audit(ctx, *executorEntry(a, "executor.read", x))
}

// Executors is a keeper's list of applications: a municipal admin's
// municipality whatever the filter asks, the regional admin's any.
func (s *Service) Executors(ctx context.Context, a navigator.Actor, f store.ExecutorFilter) ([]store.Executor, error) {
	if err := s.MayKeepExecutors(a); err != nil {
		return nil, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown",
			Message: "Статус — один из pending, included, refused, excluded."})
	}
	if a.Role == navigator.RoleMunicipalAdmin {
		f.MunicipalityID = a.MunicipalityID
	}
	return s.db.Executors(ctx, f)
}

// ExecutorScope refuses a caller who may not touch the entry, before a
// handler reads what it sends.
func (s *Service) ExecutorScope(ctx context.Context, a navigator.Actor, id int64) error {
	_, err := s.executorInScope(ctx, a, id)
	return err
}

// AttachExecutorDocument adds a document to the provider's pending
// application.
func (s *Service) AttachExecutorDocument(ctx context.Context, a navigator.Actor, id int64, d store.NewExecutorDocument) (*store.ExecutorDocument, error) {
	if err := s.MayApplyExecutor(a); err != nil {
		return nil, err
	}
	x, err := s.executorInScope(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return s.db.AttachExecutorDocument(ctx, id, x.OrganizationID, d, entry(a, "executor.document_attach"))
}

// DeleteExecutorDocument takes a document off the provider's pending
// application.
func (s *Service) DeleteExecutorDocument(ctx context.Context, a navigator.Actor, id, documentID int64) error {
	if err := s.MayApplyExecutor(a); err != nil {
		return err
	}
	x, err := s.executorInScope(ctx, a, id)
	if err != nil {
		return err
	}
	return s.db.DeleteExecutorDocument(ctx, id, documentID, x.OrganizationID, entry(a, "executor.document_delete"))
}

// ExecutorDocument is a document's file, for the keepers of the entry's
// municipality only; each download is audited.
func (s *Service) ExecutorDocument(ctx context.Context, a navigator.Actor, id, documentID int64) (*store.ExecutorDocument, error) {
	if err := s.MayKeepExecutors(a); err != nil {
		return nil, err
	}
	x, err := s.executorInScope(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d, err := s.db.ExecutorDocumentFile(ctx, id, documentID)
	if err != nil {
		return nil, err
	}
	e := executorEntry(a, "executor.document_read", x)
	e.Details += fmt.Sprintf(",document:%d", d.ID)
	return d, s.db.Audit(ctx, *e)
}

// DecideExecutor is the keeper's decision: include, refuse or exclude
// with a reason.
func (s *Service) DecideExecutor(ctx context.Context, a navigator.Actor, id int64, d navigator.ExecutorDecision, reason string) (*store.Executor, error) {
	if err := s.MayKeepExecutors(a); err != nil {
		return nil, err
	}
	if _, err := s.executorInScope(ctx, a, id); err != nil {
		return nil, err
	}
	return s.db.DecideExecutor(ctx, id, a.ID, d, strings.TrimSpace(reason), entry(a, "executor.decide"))
}
