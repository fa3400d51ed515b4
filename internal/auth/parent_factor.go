package auth

import (
	"context"
	"fmt"

	"github.com/pquerna/otp"

	"navigator"
	"navigator/internal/store"
)

// ParentFactor is a parent's second factor as the cabinet shows it: in
// force, or a pending secret to add to an app.
type ParentFactor struct {
	Enabled bool
	Secret  string
	URL     string
}

func requireParent(a navigator.Actor) error {
	if !a.SignedIn() {
		return navigator.Errorf(navigator.KindUnauthorized, "Войдите в личный кабинет.")
	}
	if a.Role != navigator.RoleParent {
		return navigator.Errorf(navigator.KindForbidden, "Это раздел личного кабинета родителя.")
	}
	return nil
}

// ParentFactor returns the parent's second factor; when it is off, a
// pending secret is made (once, kept across visits) for the app.
func (s *Service) ParentFactor(ctx context.Context, a navigator.Actor, email string) (*ParentFactor, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	sealed, enabled, err := s.db.SiteUserTOTP(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if enabled {
		return &ParentFactor{Enabled: true}, nil
	}
	var key *otp.Key
	if len(sealed) > 0 {
		if key, err = s.pendingKey(sealed, email); err != nil {
			return nil, err
		}
	} else {
		if key, err = s.NewSecret(email); err != nil {
			return nil, err
		}
		if err := s.db.SetSiteUserTOTP(ctx, a.ID, s.keys.Seal(key.Secret()), false, 0, nil); err != nil {
			return nil, err
		}
	}
	return &ParentFactor{Secret: key.Secret(), URL: key.URL()}, nil
}

var errParentCode = navigator.Invalid(navigator.FieldError{Field: "otp", Code: "otp_mismatch",
	Message: "Код не подошёл. Проверьте, что время на телефоне точное, и введите код, который приложение показывает сейчас."})

// EnableParentFactor puts the pending secret in force once the app's
// first code proves it.
func (s *Service) EnableParentFactor(ctx context.Context, a navigator.Actor, code string) error {
	if err := requireParent(a); err != nil {
		return err
	}
	sealed, enabled, err := s.db.SiteUserTOTP(ctx, a.ID)
	if err != nil {
		return err
	}
	if enabled {
		return navigator.Errorf(navigator.KindConflict, "Вход с кодом уже включён.")
	}
	if len(sealed) == 0 {
		return errParentCode
	}
	plain, err := s.keys.Open(sealed)
	if err != nil {
		return fmt.Errorf("open pending secret: %w", err)
	}
	step, ok := matchStep(plain, code, s.now())
	if !ok {
		return errParentCode
	}
	return s.db.SetSiteUserTOTP(ctx, a.ID, nil, true, step,
		&store.AuditEntry{ActorRole: string(a.Role), ActorID: a.ID, Action: "second_factor.enabled", IP: a.IP})
}

// DisableParentFactor turns the parent's second factor off: it takes the
// password and a current code, so a stolen session alone cannot.
func (s *Service) DisableParentFactor(ctx context.Context, a navigator.Actor, email, pw, code string) error {
	if err := requireParent(a); err != nil {
		return err
	}
	cred, err := s.db.CredentialsByEmail(ctx, email)
	if err != nil {
		return err
	}
	if cred.Role != navigator.RoleParent || cred.ID != a.ID {
		return navigator.Invalid(navigator.FieldError{Field: "current_password", Code: "wrong", Message: "Пароль указан неверно."})
	}
	good, err := s.hashes.Verify(ctx, cred.PasswordHash, pw)
	if err != nil {
		return err
	}
	if !good {
		return navigator.Invalid(navigator.FieldError{Field: "current_password", Code: "wrong", Message: "Пароль указан неверно."})
	}
	ok, err := s.secondFactor(ctx, cred, code)
	if err != nil {
		return err
	}
	if !ok {
		return errParentCode
	}
	return s.db.SetSiteUserTOTP(ctx, a.ID, nil, false, 0,
		&store.AuditEntry{ActorRole: string(a.Role), ActorID: a.ID, Action: "second_factor.disabled", IP: a.IP})
}
