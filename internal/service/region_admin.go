package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// The regional admin's reference data: municipalities, directions and
// periods with their enrolment campaigns.

// AddMunicipality adds a municipality: the regional admin only.
func (s *Service) AddMunicipality(ctx context.Context, a navigator.Actor, m *navigator.Municipality) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	return s.db.AddMunicipality(ctx, m, entry(a, "municipality.create"))
}

// UpdateMunicipality renames a municipality: the regional admin only.
func (s *Service) UpdateMunicipality(ctx context.Context, a navigator.Actor, m *navigator.Municipality) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	return s.db.UpdateMunicipality(ctx, m, entry(a, "municipality.update"))
}

// Directions lists the directions with their old names, for staff.
func (s *Service) Directions(ctx context.Context, a navigator.Actor) ([]store.DirectionNames, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	return s.db.DirectionsWithHistory(ctx)
}

// RenameDirection renames a direction, keeping the old name: the regional
// admin only.
func (s *Service) RenameDirection(ctx context.Context, a navigator.Actor, code, name string) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	return s.db.RenameDirection(ctx, code, name, entry(a, "direction.rename"))
}

// Periods lists the periods, for staff.
func (s *Service) Periods(ctx context.Context, a navigator.Actor) ([]store.PeriodRow, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	return s.db.Periods(ctx)
}

// SavePeriod creates or changes a period and its campaign dates: the
// regional admin only.
func (s *Service) SavePeriod(ctx context.Context, a navigator.Actor, p *store.PeriodRow) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	return s.db.SavePeriod(ctx, p, entry(a, "period.save"))
}

// municipalityScope tells whether an admin steers a municipality.
func municipalityScope(a navigator.Actor, municipalityID int64) bool {
	return a.Role == navigator.RoleRegionalAdmin || (a.Role == navigator.RoleMunicipalAdmin && a.MunicipalityID == municipalityID)
}

// MunicipalitySettings returns a municipality's settings for the current
// period: its own admin's, or any for the regional admin.
func (s *Service) MunicipalitySettings(ctx context.Context, a navigator.Actor, municipalityID int64) (*store.MunicipalitySettings, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	if !municipalityScope(a, municipalityID) {
		return nil, outOfScope()
	}
	return s.db.MunicipalitySettings(ctx, municipalityID)
}

// SaveMunicipalitySettings sets the nominal, the quota, the budget limit,
// the days before an unused financing certificate turns into an accounting
// one, and the number of children in the municipality.
func (s *Service) SaveMunicipalitySettings(ctx context.Context, a navigator.Actor, in store.MunicipalitySettings) (*store.MunicipalitySettings, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	if !municipalityScope(a, in.MunicipalityID) {
		return nil, outOfScope()
	}
	return s.db.SaveMunicipalitySettings(ctx, in, entry(a, "municipality.settings"))
}

// Organizations lists the organizations an admin steers: a municipal
// admin its municipality's, the regional admin the region's or one
// municipality's.
func (s *Service) Organizations(ctx context.Context, a navigator.Actor, municipalityID int64) ([]navigator.Organization, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	if a.Role == navigator.RoleMunicipalAdmin {
		if municipalityID != 0 && municipalityID != a.MunicipalityID {
			return nil, outOfScope()
		}
		municipalityID = a.MunicipalityID
	}
	return s.db.Organizations(ctx, municipalityID)
}

// Organization returns one organization an admin steers.
func (s *Service) Organization(ctx context.Context, a navigator.Actor, id int64) (*navigator.Organization, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	o, err := s.db.OrganizationWithPersons(ctx, id)
	if err != nil {
		return nil, err
	}
	if !municipalityScope(a, o.MunicipalityID) {
		return nil, outOfScope()
	}
	return o, nil
}

// SaveOrganization creates (o.ID 0) or changes an organization and its
// responsible persons. A municipal admin works in its own municipality.
func (s *Service) SaveOrganization(ctx context.Context, a navigator.Actor, o *navigator.Organization) error {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return err
	}
	if a.Role == navigator.RoleMunicipalAdmin && o.MunicipalityID == 0 {
		o.MunicipalityID = a.MunicipalityID
	}
	if o.ID != 0 {
		cur, err := s.Organization(ctx, a, o.ID)
		if err != nil {
			return err
		}
		o.MunicipalityID = cur.MunicipalityID // an organization does not move
	} else if !municipalityScope(a, o.MunicipalityID) {
		return navigator.Invalid(navigator.FieldError{Field: "municipality_id", Code: "out_of_scope",
			Message: "Организации добавляются только в свой муниципалитет."})
	}
	action := "organization.update"
	if o.ID == 0 {
		action = "organization.create"
	}
	return s.db.SaveOrganization(ctx, o, entry(a, action))
}
