package service

import (
	"context"

	"navigator"
)

// NominalCeiling returns the region's ceiling on municipal nominals to the
// admins who set nominals.
func (s *Service) NominalCeiling(ctx context.Context, a navigator.Actor) (navigator.Money, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return 0, err
	}
	return s.db.NominalCeiling(ctx)
}

// SetNominalCeiling is the regional admin's bound on the financing nominal
// every municipality may set.
func (s *Service) SetNominalCeiling(ctx context.Context, a navigator.Actor, ceiling *navigator.Money) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	if ceiling == nil {
		return navigator.Invalid(navigator.FieldError{Field: "financing_nominal_ceiling", Code: "required",
			Message: "Укажите предел номинала в рублях, например «50000.00»."})
	}
	return s.db.SetNominalCeiling(ctx, *ceiling, entry(a, "settings.nominal_ceiling"))
}
