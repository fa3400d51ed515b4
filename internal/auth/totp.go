package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"navigator"
	"navigator/internal/store"
)

// totpPeriod is the length of a TOTP time step (RFC 6238's default, what
// every authenticator app uses).
const totpPeriod = 30

// RecoveryCodes is how many one-time recovery codes an enrolment gives.
const RecoveryCodes = 10

// Enrolment is a new second factor: the otpauth:// URL and the secret for
// the authenticator app, and the recovery codes, shown once.
type Enrolment struct {
	URL           string
	Secret        string
	RecoveryCodes []string
}

// secondFactor checks a TOTP code or a recovery code. A TOTP code of the
// current step or one step either side is accepted once: the step is
// recorded and no code of it or an earlier step signs in again.
func (s *Service) secondFactor(ctx context.Context, cred *store.Credentials, code string) (bool, error) {
	code = strings.TrimSpace(code)
	if rc, ok := normalizeRecovery(code); ok && cred.Role != navigator.RoleParent {
		return s.db.UseRecoveryCode(ctx, cred.ID, s.keys.Hash("recovery", rc))
	}
	if len(cred.TOTPSecret) == 0 || len(code) != 6 {
		return false, nil
	}
	key, err := s.keys.Open(cred.TOTPSecret)
	if err != nil {
		return false, fmt.Errorf("open totp secret: %w", err)
	}
	step, ok := matchStep(key, code, s.now())
	if !ok {
		return false, nil
	}
	return s.db.UseTOTPStep(ctx, cred.Role, cred.ID, step)
}

// matchStep finds the time step, within one of now's, whose code is code.
func matchStep(secret, code string, now time.Time) (int64, bool) {
	cur := now.Unix() / totpPeriod
	for _, step := range []int64{cur, cur - 1, cur + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0),
			totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// NewSecret makes a random TOTP secret for the account and its otpauth://
// URL.
func (s *Service) NewSecret(email string) (*otp.Key, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: s.totpIssue, AccountName: email, Period: totpPeriod})
	if err != nil {
		return nil, fmt.Errorf("totp: %w", err)
	}
	return key, nil
}

// pendingKey is the key of a secret already stored, for the page that
// shows it to the app again.
func (s *Service) pendingKey(sealed []byte, email string) (*otp.Key, error) {
	plain, err := s.keys.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("open pending secret: %w", err)
	}
	key, err := otp.NewKeyFromURL(fmt.Sprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&period=%d",
		url.PathEscape(s.totpIssue), url.PathEscape(email), plain, url.QueryEscape(s.totpIssue), totpPeriod))
	if err != nil {
		return nil, fmt.Errorf("pending key: %w", err)
	}
	return key, nil
}

// EnrollTOTP makes a new second factor for a staff account and puts it in
// force with fresh recovery codes: `navigator staff add` and an admin's
// reset use it.
func (s *Service) EnrollTOTP(ctx context.Context, staffID int64, email string) (*Enrolment, error) {
	key, err := s.NewSecret(email)
	if err != nil {
		return nil, err
	}
	codes, hashes := s.recoveryCodes()
	if err := s.db.EnrollStaffTOTP(ctx, staffID, s.keys.Seal(key.Secret()), hashes, 0, nil); err != nil {
		return nil, err
	}
	return &Enrolment{URL: key.URL(), Secret: key.Secret(), RecoveryCodes: codes}, nil
}

// ConfirmPending checks the first code against the account's pending
// secret and returns its time step.
func (s *Service) ConfirmPending(ctx context.Context, staffID int64, code string) (int64, error) {
	sealed, err := s.db.StaffTOTPSecret(ctx, staffID)
	if err != nil {
		return 0, err
	}
	bad := navigator.Invalid(navigator.FieldError{Field: "otp", Code: "otp_mismatch",
		Message: "Код не подошёл. Проверьте, что время на телефоне точное, и введите код, который приложение показывает сейчас."})
	code = strings.TrimSpace(code)
	if len(sealed) == 0 || len(code) != 6 {
		return 0, bad
	}
	key, err := s.keys.Open(sealed)
	if err != nil {
		return 0, fmt.Errorf("open totp secret: %w", err)
	}
	step, ok := matchStep(key, code, s.now())
	if !ok {
		return 0, bad
	}
	return step, nil
}

func (s *Service) recoveryCodes() (codes, hashes []string) {
	for range RecoveryCodes {
		b := strings.ToLower(rand.Text()[:8]) // base32: a–z and 2–7, 40 bits
		code := b[:4] + "-" + b[4:]
		codes = append(codes, code)
		hashes = append(hashes, s.keys.Hash("recovery", b))
	}
	return codes, hashes
}

// normalizeRecovery reads a recovery code as typed: any case, with or
// without the dash and spaces.
func normalizeRecovery(code string) (string, bool) {
	c := strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(code))
	if len(c) != 8 {
		return "", false
	}
	for _, r := range c {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return "", false
		}
	}
	return c, true
}
