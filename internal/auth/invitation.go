package auth

import (
	"context"

	"github.com/pquerna/otp"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// InvitationPage is what the invited person sees: who they are invited as
// and the second factor to add to their authenticator app.
type InvitationPage struct {
	Invitation *store.Invitation
	Secret     string
	URL        string
}

// OpenInvitation checks an invitation link and gives the account its
// pending second factor: made on the first visit and kept for the next
// ones, so reloading the page does not change the code in the app.
func (s *Service) OpenInvitation(ctx context.Context, token string) (*InvitationPage, error) {
	inv, err := s.db.PeekInvitation(ctx, secret.TokenHash(token))
	if err != nil {
		return nil, err
	}
	sealed, err := s.db.StaffTOTPSecret(ctx, inv.StaffID)
	if err != nil {
		return nil, err
	}
	var key *otp.Key
	if len(sealed) > 0 {
		if key, err = s.pendingKey(sealed, inv.Email); err != nil {
			return nil, err
		}
	} else {
		if key, err = s.NewSecret(inv.Email); err != nil {
			return nil, err
		}
		if err := s.db.StagePendingTOTP(ctx, inv.StaffID, s.keys.Seal(key.Secret())); err != nil {
			return nil, err
		}
	}
	return &InvitationPage{Invitation: inv, Secret: key.Secret(), URL: key.URL()}, nil
}

// AcceptInvitation sets the invited account's password and puts its
// second factor in force once the first code proves the app has it. It
// returns the recovery codes, shown once.
func (s *Service) AcceptInvitation(ctx context.Context, token, pw, repeat, code string) ([]string, error) {
	var f navigator.Fields
	if err := password.Check(pw); err != nil {
		f.Add("password", "weak", err.Error())
	} else if pw != repeat {
		f.Add("password_repeat", "mismatch", "Пароли не совпадают.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	inv, err := s.db.PeekInvitation(ctx, secret.TokenHash(token))
	if err != nil {
		return nil, err
	}
	step, err := s.ConfirmPending(ctx, inv.StaffID, code)
	if err != nil {
		return nil, err
	}
	codes, hashes := s.recoveryCodes()
	pwHash, err := s.hashes.Hash(ctx, pw)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.AcceptInvitation(ctx, secret.TokenHash(token), pwHash, step, hashes); err != nil {
		return nil, err
	}
	return codes, nil
}
