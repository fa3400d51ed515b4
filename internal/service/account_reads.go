package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// Me is the signed-in parent's own account: their profile, the cabinet's
// header, the API's /me. Only the parent reads it here.
func (s *Service) Me(ctx context.Context, a navigator.Actor) (*navigator.SiteUser, error) {
	if a.Role != navigator.RoleParent {
		return nil, forbidden("Это раздел личного кабинета родителя.")
	}
	return s.db.SiteUser(ctx, a.ID)
}

// MyStaff is the signed-in staff member's own account and the name of
// their organization ("" for the municipal and regional admins).
func (s *Service) MyStaff(ctx context.Context, a navigator.Actor) (*navigator.Staff, string, error) {
	if !a.Role.IsStaff() {
		return nil, "", forbidden("Только для сотрудников.")
	}
	st, err := s.db.Staff(ctx, a.ID)
	if err != nil {
		return nil, "", err
	}
	org := ""
	if st.OrganizationID != 0 {
		if o, err := s.db.Organization(context.WithoutCancel(ctx), st.OrganizationID); err == nil {
			org = o.Name
		}
	}
	return st, org, nil
}

// OrganizationName is the public name of an organization, for a card's
// header; "" when there is none.
func (s *Service) OrganizationName(ctx context.Context, id int64) string {
	if id == 0 {
		return ""
	}
	o, err := s.db.Organization(ctx, id)
	if err != nil {
		return ""
	}
	return o.Name
}

// ChildParent is the parent of a child the actor opened with Child: the
// read is scoped and audited as the user card is.
func (s *Service) ChildParent(ctx context.Context, a navigator.Actor, c *navigator.Child) (*navigator.SiteUser, error) {
	return s.SiteUser(ctx, a, c.SiteUserID)
}

// ApplicationsOfChild is the child card's «Заявки» tab: scoped and
// audited through the parent's card.
func (s *Service) ApplicationsOfChild(ctx context.Context, a navigator.Actor, c *navigator.Child) ([]store.ApplicationRow, error) {
	if _, err := s.SiteUser(ctx, a, c.SiteUserID); err != nil {
		return nil, err
	}
	return s.db.ApplicationsOf(ctx, c.SiteUserID, c.ID)
}
