package service

import (
	"context"
	"strings"

	"navigator"
	"navigator/internal/store"
)

// ProviderApplications lists the applications to the provider's groups,
// oldest first.
func (s *Service) ProviderApplications(ctx context.Context, a navigator.Actor, groupID int64, status string) ([]store.ProviderApplication, error) {
	if err := requireStaff(a, navigator.RoleProvider); err != nil {
		return nil, err
	}
	if status != "" && navigator.ApplicationStatus(status).Title() == "" {
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown", Message: "Неизвестный статус заявки."})
	}
	return s.db.ProviderApplications(ctx, a.OrganizationID, groupID, status)
}

// AcceptApplication is the provider's agreement to take the child.
func (s *Service) AcceptApplication(ctx context.Context, a navigator.Actor, appID int64) error {
	if err := requireStaff(a, navigator.RoleProvider); err != nil {
		return err
	}
	return s.db.AcceptApplication(ctx, appID, a.OrganizationID, entry(a, "application.accept"))
}

// RejectApplication refuses with a reason the parent reads.
func (s *Service) RejectApplication(ctx context.Context, a navigator.Actor, appID int64, reason string) error {
	if err := requireStaff(a, navigator.RoleProvider); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len([]rune(reason)) > 500 {
		return navigator.Invalid(navigator.FieldError{Field: "reason", Code: "required", Message: "Укажите причину отказа (до 500 символов): её прочтёт родитель."})
	}
	return s.db.RejectApplication(ctx, appID, a.OrganizationID, reason, entry(a, "application.reject"))
}

// EnrollApplication concludes the contract.
func (s *Service) EnrollApplication(ctx context.Context, a navigator.Actor, appID int64) (*store.Contract, error) {
	if err := requireStaff(a, navigator.RoleProvider); err != nil {
		return nil, err
	}
	return s.db.EnrollApplication(ctx, appID, a.OrganizationID, entry(a, "application.enroll"))
}
