package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// AuditOf returns who saw or changed a person's data; the regional admin
// only. Reading the audit is itself audited.
func (s *Service) AuditOf(ctx context.Context, a navigator.Actor, kind string, id int64) ([]store.AuditEntry, error) {
	if err := requireStaff(a, navigator.RoleRegionalAdmin); err != nil {
		return nil, err
	}
	entries, err := s.db.AuditOf(ctx, kind, id, 500)
	if err != nil {
		return nil, err
	}
	e := entry(a, "audit.read")
	e.SubjectKind, e.SubjectID = kind, id
	return entries, s.db.Audit(ctx, *e)
}
