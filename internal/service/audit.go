package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// AuditPerPage is the journal's page size unless per_page asks another.
const AuditPerPage = 50

// SearchAudit is the audit viewer: the regional admin sees the region,
// a municipal admin the entries of their municipality only, whatever the
// filter asks. Reading it is itself audited.
func (s *Service) SearchAudit(ctx context.Context, a navigator.Actor, f store.AuditFilter) ([]store.AuditEntry, int, error) {
	if err := require(a, navigator.PermReadAudit); err != nil {
		return nil, 0, err
	}
	if a.Role == navigator.RoleMunicipalAdmin {
		f.MunicipalityID = a.MunicipalityID
	}
	p := navigator.PageOf(f.Page, f.PerPage, AuditPerPage)
	f.Page, f.PerPage = p.Page, p.PerPage
	list, total, err := s.db.SearchAudit(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	e := entry(a, "audit.read")
	e.SubjectKind, e.SubjectID = f.SubjectKind, f.SubjectID
	return list, total, s.db.Audit(ctx, *e)
}

// AuditActorNames names the staff and parents who wrote entries the
// actor may already read.
func (s *Service) AuditActorNames(ctx context.Context, a navigator.Actor, entries []store.AuditEntry) (map[string]string, error) {
	if !a.Role.IsStaff() {
		return nil, forbidden("Журнал доступен только сотрудникам.")
	}
	return s.db.AuditActorNames(ctx, entries)
}
