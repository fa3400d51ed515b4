package service

import (
	"context"

	"navigator"
)

// Checks a page asks before it reads a form, so that a caller who may not
// do something hears so before hearing that the form is incomplete.

// MayRegisterSiteUsers: operators and municipal admins register parents.
func (s *Service) MayRegisterSiteUsers(a navigator.Actor) error {
	return require(a, navigator.PermManageFamilies)
}

// MayAddChild: who may add a child to this site user's card.
func (s *Service) MayAddChild(ctx context.Context, a navigator.Actor, siteUserID int64) error {
	if err := s.MayRegisterSiteUsers(a); err != nil {
		return err
	}
	u, err := s.db.SiteUser(ctx, siteUserID)
	if err != nil {
		return err
	}
	if !familyScope(a, u.MunicipalityID) {
		return outOfScope()
	}
	return nil
}

// MayIssueWithoutPersonalData: operators only.
func (s *Service) MayIssueWithoutPersonalData(a navigator.Actor) error {
	return require(a, navigator.PermIssueCertificates)
}

// MayManageOrganizations: municipal and regional admins.
func (s *Service) MayManageOrganizations(a navigator.Actor) error {
	return require(a, navigator.PermManageOrganizations)
}

// MayDecideCertification: the regional admin.
func (s *Service) MayDecideCertification(a navigator.Actor) error {
	return require(a, navigator.PermRunRegion)
}

// ApplicationScope: a provider and an application to one of its groups.
func (s *Service) ApplicationScope(ctx context.Context, a navigator.Actor, appID int64) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	return s.db.ApplicationOfOrganization(ctx, appID, a.OrganizationID)
}
