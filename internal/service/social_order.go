package service

import (
	"context"

	"navigator"
)

// SocialOrder is a municipality's social order for a year with what is
// already taken: public, as 189-ФЗ wants the order published.
func (s *Service) SocialOrder(ctx context.Context, municipalityID int64, year int) (*navigator.SocialOrder, error) {
	if year == 0 {
		year = s.today().Time().Year()
	}
	return s.db.SocialOrder(ctx, municipalityID, year)
}

// PutSocialOrder publishes a municipality's social order for a year: the
// municipal admin of that municipality or the regional admin.
func (s *Service) PutSocialOrder(ctx context.Context, a navigator.Actor, o navigator.SocialOrder) (*navigator.SocialOrder, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	if !municipalityScope(a, o.MunicipalityID) {
		return nil, outOfScope()
	}
	return s.db.PutSocialOrder(ctx, o, entry(a, "municipality.social_order"))
}
