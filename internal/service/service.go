// Package service holds the operations of the Навигатор that touch
// people's data: who may do what (least privilege, checked here and not
// only in handlers), sealing and masking of СНИЛС and documents, and the
// audit of every staff read and change. Pages and the API both call it.
package service

import (
	"errors"
	"time"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/password"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/store/reportdb"
)

// Service is the operations over the store.
type Service struct {
	db       Store
	reports  *reportdb.Queries
	keys     *secret.Keys
	registry contingent.Registry
	baseURL  string
	now      func() time.Time
	hashes   *password.Gate
	signup   *pace // how long a sign-up with a new address takes, for the taken ones
}

// Deps are what the service works with.
type Deps struct {
	DB       *store.DB
	Keys     *secret.Keys
	Registry contingent.Registry // nil: «Контингент» is not connected
	BaseURL  string              // the site's address for links in letters, e.g. https://navigator.example.ru
	// Passwords bounds the password hashes computed at once; share it
	// with the sign-in service. nil: a gate of the service's own.
	Passwords *password.Gate
}

// New returns the service.
func New(d Deps) *Service {
	if d.Passwords == nil {
		d.Passwords = password.DefaultGate()
	}
	return &Service{db: d.DB, reports: reportdb.New(d.DB), keys: d.Keys, registry: d.Registry, baseURL: d.BaseURL, now: time.Now, hashes: d.Passwords, signup: &pace{}}
}

// today is the date in the region.
func (s *Service) today() navigator.Date { return navigator.Today(s.now()) }

// entry starts an audit entry for the actor.
func entry(a navigator.Actor, action string) *store.AuditEntry {
	return &store.AuditEntry{ActorRole: string(a.Role), ActorID: a.ID, Action: action, IP: a.IP}
}

// notFound hides the existence of what the actor may not see.
func notFound() error { return outOfScope() }

// outOfScope answers «not found» for an object outside the actor's scope,
// marked as a refusal for the audit log.
func outOfScope() error {
	e := navigator.NotFound("Не найдено.")
	e.Refused = true
	return e
}

func forbidden(msg string) error { return navigator.Errorf(navigator.KindForbidden, "%s", msg) }

// familyScope tells whether a staff actor may see the families of a
// municipality: operators and municipal admins their own, the regional
// admin all. Providers and parents never see them here.
func familyScope(a navigator.Actor, municipalityID int64) bool {
	switch a.Role {
	case navigator.RoleRegionalAdmin:
		return true
	case navigator.RoleOperator, navigator.RoleMunicipalAdmin:
		return a.MunicipalityID == municipalityID
	}
	return false
}

// require refuses anyone who does not hold the permission.
func require(a navigator.Actor, p navigator.Permission) error {
	if !a.SignedIn() {
		return navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	if !a.Can(p) {
		return forbidden("Это действие недоступно для вашей роли.")
	}
	return nil
}

func asError(err error, target **navigator.Error) bool { return errors.As(err, target) }
