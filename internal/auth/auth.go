// Package auth signs people in and out: passwords checked with Argon2id, a
// TOTP second factor where the account has one, throttling per account and
// per address, and server-side sessions whose tokens are stored hashed.
package auth

import (
	"context"
	"fmt"
	"time"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/ru"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// Service signs accounts in.
type Service struct {
	db        *store.DB
	keys      *secret.Keys
	account   limit
	address   limit
	totpIssue string
	now       func() time.Time
	hashes    *password.Gate // bounds the password checks at once
}

// AccountAttempts is how many failed sign-ins an account gets in 15
// minutes, counted in the database: the same limit on every server.
const AccountAttempts = 5

// New returns the service. The gate bounds the password checks computed at
// once, shared with whatever else hashes passwords; nil: a gate of its own.
func New(db *store.DB, keys *secret.Keys, hashes *password.Gate) *Service {
	if hashes == nil {
		hashes = password.DefaultGate()
	}
	return &Service{
		hashes:    hashes,
		db:        db,
		keys:      keys,
		account:   limit{attempts: AccountAttempts, window: 15 * time.Minute},
		address:   limit{attempts: 50, window: 15 * time.Minute},
		totpIssue: "Навигатор",
		now:       time.Now,
	}
}

// Login is what a sign-in gives: the token to hand to the client once,
// and who signed in.
type Login struct {
	Token string
	Actor navigator.Actor
}

var errBadCredentials = navigator.Errorf(navigator.KindUnauthorized, "Неверный адрес электронной почты или пароль.")

// Login checks the credentials and opens a session. An unknown e-mail and
// a wrong password get the same answer after the same work.
func (s *Service) Login(ctx context.Context, email, pw, otp, ip, userAgent string) (*Login, error) {
	email, _ = navigator.NormalizeEmail(email)
	accountKey, addressKey := "login:account:"+s.keys.Hash("login", email), "login:ip:"+ip
	// Each attempt is counted before its password is checked, in one atomic
	// statement: however many guesses arrive at once, at most the limit of
	// them ever reach Argon2 in a window.
	if err := s.take(ctx, addressKey, s.address); err != nil {
		return nil, err
	}
	if err := s.take(ctx, accountKey, s.account); err != nil {
		return nil, err
	}
	fail := func(e *navigator.Error, actorID int64, role string) (*Login, error) {
		_ = s.db.Audit(ctx, store.AuditEntry{ActorRole: role, ActorID: actorID, Action: "sign_in_refused", IP: ip, Details: e.Code})
		return nil, e
	}
	cred, err := s.db.CredentialsByEmail(ctx, email)
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		if err := s.hashes.VerifyNone(ctx, pw); err != nil {
			return nil, s.unchecked(ctx, err, accountKey, addressKey)
		}
		return fail(errBadCredentials, 0, "anonymous")
	}
	if err != nil {
		return nil, err
	}
	good := false
	if cred.PasswordHash != "" {
		if good, err = s.hashes.Verify(ctx, cred.PasswordHash, pw); err != nil {
			return nil, s.unchecked(ctx, err, accountKey, addressKey)
		}
	}
	if !good {
		return fail(errBadCredentials, cred.ID, string(cred.Role))
	}
	if cred.Disabled {
		return fail(navigator.Errorf(navigator.KindUnauthorized, "Учётная запись отключена. Обратитесь к администратору."), cred.ID, string(cred.Role))
	}
	if cred.Role.NeedsSecondFactor() && !cred.TOTPEnabled {
		return fail(navigator.Errorf(navigator.KindUnauthorized,
			"Для входа сотрудника нужен второй фактор, а он не настроен. Попросите администратора прислать новое приглашение.").
			WithCode("otp_not_enrolled"), cred.ID, string(cred.Role))
	}
	if cred.TOTPEnabled {
		ok, err := s.secondFactor(ctx, cred, otp)
		if err != nil {
			return nil, err
		}
		if !ok {
			e := codeNeeded(otp)
			_, _ = fail(e, cred.ID, string(cred.Role)) // audits the refusal
			if otp == "" {
				// The password was good: not a guess against the address.
				if err := s.db.RefundAttempt(ctx, addressKey); err != nil {
					return nil, err
				}
			}
			return nil, &NeedCode{Err: e, Ticket: s.ticket(cred.ID, email)}
		}
	}
	return s.open(ctx, cred, accountKey, addressKey, ip, userAgent)
}

// codeNeeded is the refusal of a good password without a good code.
func codeNeeded(otp string) *navigator.Error {
	msg := "Введите код из приложения-аутентификатора."
	if otp != "" {
		msg = "Код не подошёл. Введите новый код из приложения-аутентификатора (каждый код действует один раз) или один из резервных кодов."
	}
	return navigator.Errorf(navigator.KindUnauthorized, "%s", msg).WithCode("otp_required")
}

// LoginWithCode finishes a sign-in whose password was good but whose
// account has a second factor: the ticket of NeedCode stands for the
// password, so the code screen does not ask for it again. Each code is
// counted against the account and the address like a password.
func (s *Service) LoginWithCode(ctx context.Context, ticket, otp, ip, userAgent string) (*Login, error) {
	id, email, ok := s.openTicket(ticket)
	if !ok {
		return nil, navigator.Errorf(navigator.KindUnauthorized, "Время для ввода кода вышло. Войдите ещё раз: адрес, пароль, затем код.").WithCode("ticket_expired")
	}
	accountKey, addressKey := "login:account:"+s.keys.Hash("login", email), "login:ip:"+ip
	if err := s.take(ctx, addressKey, s.address); err != nil {
		return nil, err
	}
	if err := s.take(ctx, accountKey, s.account); err != nil {
		return nil, err
	}
	cred, err := s.db.CredentialsByEmail(ctx, email)
	if err != nil || cred.ID != id || cred.Disabled || !cred.TOTPEnabled {
		if err != nil && navigator.ErrorKind(err) != navigator.KindNotFound {
			return nil, err
		}
		return nil, navigator.Errorf(navigator.KindUnauthorized, "Войти не удалось. Войдите ещё раз: адрес, пароль, затем код.").WithCode("ticket_expired")
	}
	good, err := s.secondFactor(ctx, cred, otp)
	if err != nil {
		return nil, err
	}
	if !good {
		e := codeNeeded(otp)
		_ = s.db.Audit(ctx, store.AuditEntry{ActorRole: string(cred.Role), ActorID: cred.ID, Action: "sign_in_refused", IP: ip, Details: e.Code})
		return nil, &NeedCode{Err: e, Ticket: ticket}
	}
	return s.open(ctx, cred, accountKey, addressKey, ip, userAgent)
}

// open ends a good sign-in: it forgets the account's failures and opens
// the session.
func (s *Service) open(ctx context.Context, cred *store.Credentials, accountKey, addressKey, ip, userAgent string) (*Login, error) {
	// A good sign-in forgets the account's failures and takes back its own
	// attempt from the address, never the address's other failures: an
	// attacker's own account must not reset the count of their guesses.
	if err := s.db.ForgetAttempts(ctx, accountKey); err != nil {
		return nil, err
	}
	if err := s.db.RefundAttempt(ctx, addressKey); err != nil {
		return nil, err
	}
	token := secret.Token()
	sess := &navigator.Session{ID: secret.TokenHash(token), Role: cred.Role, SubjectID: cred.ID, IP: ip, UserAgent: truncate(userAgent, 300)}
	if err := s.db.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	actor := navigator.Actor{Role: cred.Role, ID: cred.ID, OrganizationID: cred.OrganizationID, MunicipalityID: cred.MunicipalityID, SessionID: sess.ID, IP: ip}
	if err := s.db.Audit(ctx, store.AuditEntry{ActorRole: string(cred.Role), ActorID: cred.ID, Action: "sign_in", IP: ip}); err != nil {
		return nil, err
	}
	return &Login{Token: token, Actor: actor}, nil
}

// CompleteRegistration follows a sign-up letter's link: it makes the
// parent's account and opens its first session, since the link proved the
// mailbox and the password was set on the form.
func (s *Service) CompleteRegistration(ctx context.Context, link, ip, userAgent string) (*Login, error) {
	if link == "" || len(link) > 100 {
		return nil, navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Зарегистрируйтесь ещё раз.").WithCode("bad_link")
	}
	u, err := s.db.CompleteRegistration(ctx, secret.TokenHash(link))
	if err != nil {
		return nil, err
	}
	token := secret.Token()
	sess := &navigator.Session{ID: secret.TokenHash(token), Role: navigator.RoleParent, SubjectID: u.ID, IP: ip, UserAgent: truncate(userAgent, 300)}
	if err := s.db.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	if err := s.db.Audit(ctx, store.AuditEntry{ActorRole: string(navigator.RoleParent), ActorID: u.ID, Action: "sign_in", IP: ip, Details: "registered"}); err != nil {
		return nil, err
	}
	a := navigator.Actor{Role: navigator.RoleParent, ID: u.ID, MunicipalityID: u.MunicipalityID, SessionID: sess.ID, IP: ip}
	return &Login{Token: token, Actor: a}, nil
}

// Authenticate returns the actor of a session token.
func (s *Service) Authenticate(ctx context.Context, token, ip string) (navigator.Actor, error) {
	if token == "" || len(token) > 200 {
		return navigator.Anonymous, navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	sess, a, err := s.db.SessionActor(ctx, secret.TokenHash(token))
	if err != nil {
		return navigator.Anonymous, err
	}
	a.SessionID, a.IP = sess.ID, ip
	return a, nil
}

// Logout ends the actor's session on the server.
func (s *Service) Logout(ctx context.Context, a navigator.Actor) error {
	if a.SessionID == "" {
		return nil
	}
	if err := s.db.DeleteSession(ctx, a.SessionID); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return s.db.Audit(ctx, store.AuditEntry{ActorRole: string(a.Role), ActorID: a.ID, Action: "sign_out", IP: a.IP})
}

// limit is how many sign-in attempts a key may make in a window.
type limit struct {
	attempts int
	window   time.Duration
}

// unchecked gives back the attempts of a sign-in whose password was never
// checked (the server was busy hashing), so that a person is not locked
// out by the crowd, and answers err.
func (s *Service) unchecked(ctx context.Context, err error, keys ...string) error {
	for _, k := range keys {
		if rerr := s.db.RefundAttempt(ctx, k); rerr != nil {
			return rerr
		}
	}
	return err
}

// take counts an attempt against key, refusing it with 429 once the key has
// used up its window.
func (s *Service) take(ctx context.Context, key string, l limit) error {
	ok, wait, err := s.db.TakeAttempt(ctx, key, l.attempts, l.window)
	if err != nil {
		return err
	}
	if ok {
		return nil
	}
	e := navigator.Errorf(navigator.KindTooMany, "Слишком много неудачных попыток входа. Попробуйте снова через %s.", ru.Count(int(wait.Minutes())+1, "минуту", "минуты", "минут"))
	e.RetryAfter = wait
	return e
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
