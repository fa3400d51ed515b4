package service

import (
	"context"

	"navigator"
)

// Read-only lists of the administration pages.

// RegistryPrograms is «Реестры программ»: the published programs of one
// registry, from the same catalog the portal shows, by title unless
// searched. The regional admin sees the region's (or one municipality's),
// a municipal admin its own municipality's.
func (s *Service) RegistryPrograms(ctx context.Context, a navigator.Actor, f navigator.ProgramFilter) (*navigator.ProgramPage, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	if a.Role == navigator.RoleMunicipalAdmin {
		if f.MunicipalityID != 0 && f.MunicipalityID != a.MunicipalityID {
			return nil, outOfScope()
		}
		f.MunicipalityID = a.MunicipalityID
	}
	if !f.Registry.Valid() {
		return nil, navigator.Invalid(navigator.FieldError{Field: "registry", Code: "unknown", Message: "Такого реестра нет."})
	}
	if f.Sort == "" {
		f.Sort = navigator.SortTitle
	}
	return s.db.ListPrograms(ctx, f)
}

// Municipalities is the regional admin's «Муниципалитеты»: the list it
// adds to and renames.
func (s *Service) Municipalities(ctx context.Context, a navigator.Actor) ([]navigator.Municipality, error) {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return nil, err
	}
	return s.db.Municipalities(ctx)
}
