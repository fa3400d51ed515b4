package service

import (
	"context"

	"navigator"
	"navigator/internal/store"
)

// The portal's public reads: what anyone may see without signing in. They
// hold no one's personal data, so they are neither scoped nor audited;
// they pass through here so that the handlers talk to the service only.

// PublicMunicipalities lists the region's municipalities.
func (s *Service) PublicMunicipalities(ctx context.Context) ([]navigator.Municipality, error) {
	return s.db.Municipalities(ctx)
}

// PublicMunicipality is one municipality by its id.
func (s *Service) PublicMunicipality(ctx context.Context, id int64) (*navigator.Municipality, error) {
	return s.db.MunicipalityByID(ctx, id)
}

// PublicDirections are the directions with their Russian names.
func (s *Service) PublicDirections(ctx context.Context) ([]navigator.Direction, error) {
	return s.db.Directions(ctx)
}

// ListPrograms is a page of the catalog.
func (s *Service) ListPrograms(ctx context.Context, f navigator.ProgramFilter) (*navigator.ProgramPage, error) {
	return s.db.ListPrograms(ctx, f)
}

// PublicProgram is a published program with its groups.
func (s *Service) PublicProgram(ctx context.Context, id int64) (*navigator.Program, error) {
	return s.db.Program(ctx, id)
}

// CertificateOffices are the offices that confirm children and issue
// certificates, with their hours and contacts.
func (s *Service) CertificateOffices(ctx context.Context, f navigator.OfficeFilter) ([]navigator.Organization, error) {
	return s.db.CertificateOffices(ctx, f)
}

// PublicRead marks the context of a request by someone not signed in who
// only reads: its catalog reads may come from a read replica. A person
// who has written anything has a session or is writing in this very
// request, so they read their own writes from the primary (see the store's
// replica.go).
func PublicRead(ctx context.Context) context.Context { return store.ReplicaOK(ctx) }
