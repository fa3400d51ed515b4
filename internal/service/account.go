package service

import (
	"context"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/ru"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// ResetLinkLifetime is how long a «НЕ ПОМНЮ ПАРОЛЬ» link works.
const ResetLinkLifetime = time.Hour

// RegistrationsPerHour is how many sign-ups one address sends in an hour:
// a family or a school's computer class, not a script.
const RegistrationsPerHour = 20

// Registration is the answer to a sign-up: the same whether or not the
// address already has an account.
type Registration struct {
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Status        string `json:"status"` // check_email: the account is made when the letter's link is followed
}

// Register is «Регистрация». The account is made only when the link of
// the letter is followed, so that signing up tells nobody whether an
// address is registered: the answer is the same, takes as long, and a
// sign-in with the password typed fails the same way until the link is
// followed. For an address already in use no password is hashed (each hash
// holds 19 MiB); its owner gets a letter saying someone tried.
func (s *Service) Register(ctx context.Context, in navigator.SiteUserInput, consent bool, ip string) (*Registration, error) {
	var f navigator.Fields
	if err := in.Validate(); err != nil {
		var e *navigator.Error
		if asError(err, &e) {
			f = append(f, e.Fields...)
		}
	}
	if in.MunicipalityID > 0 {
		if err := s.db.MunicipalityExists(ctx, in.MunicipalityID); err != nil {
			var e *navigator.Error
			if !asError(err, &e) || e.Kind != navigator.KindInvalid {
				return nil, err
			}
			f = append(f, e.Fields...)
		}
	}
	if err := password.Check(in.Password); err != nil {
		f.Add("password", "weak", err.Error())
	}
	if !consent {
		f.Add("consent", "required", "Чтобы зарегистрироваться, согласитесь с политикой конфиденциальности и пользовательским соглашением.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := s.takeFromAddress(ctx, "register", ip, RegistrationsPerHour); err != nil {
		return nil, err
	}
	res := &Registration{Email: in.Email, Status: "check_email"}
	taken, err := s.db.EmailTaken(ctx, in.Email)
	if err != nil {
		return nil, err
	}
	// The taken address waits, in a slot of the password gate, as long as a
	// new one's hash and its write take lately: the hash alone under a
	// loaded processor, or without the write, let the time tell.
	start := time.Now()
	if taken {
		if err := s.warnOwner(ctx, in.Email); err != nil {
			return nil, err
		}
		if typical := s.signup.typical(); typical > 0 {
			return res, s.hashes.PretendUntil(ctx, start.Add(typical))
		}
		return res, s.hashes.Pretend(ctx) // no new address signed up yet: a hash's time
	}
	hash, err := s.hashes.Hash(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	token := secret.Token()
	err = s.db.QueueRegistration(ctx, store.NewSiteUser{SiteUserInput: in, PasswordHash: hash, ConsentOnline: true, ResidentRF: true},
		store.EmailToken{ID: secret.TokenHash(token), Lifetime: VerifyLinkLifetime},
		store.Mail{To: in.Email, Subject: "Завершите регистрацию в Навигаторе", Body: registrationBody(s.baseURL, token, in)})
	if err != nil {
		return nil, err
	}
	s.signup.took(time.Since(start))
	return res, nil
}

// warnOwner tells the owner of an address that someone signed up with it,
// at most three times an hour.
func (s *Service) warnOwner(ctx context.Context, email string) error {
	ok, _, err := s.db.TakeAttempt(ctx, "register:taken:"+s.keys.Hash("login", email), 3, time.Hour)
	if err != nil || !ok {
		return err
	}
	return s.db.QueueMail(ctx, store.Mail{To: email, Subject: "Попытка регистрации с вашим адресом",
		Body: "Здравствуйте!\n\nКто-то только что пытался зарегистрироваться в Навигаторе дополнительного образования с этим адресом электронной почты, " +
			"а у вас уже есть учётная запись.\n\nЕсли это были вы, войдите: " + s.baseURL + "/login\nЕсли вы не помните пароль, задайте новый: " +
			s.baseURL + "/forgot-password\n\nЕсли это были не вы, ничего не делайте: вашу учётную запись никто не изменил.\n"})
}

// takeFromAddress counts a request of a kind from an address against the
// hour's allowance, before any work is done for it.
func (s *Service) takeFromAddress(ctx context.Context, kind, ip string, perHour int) error {
	ok, wait, err := s.db.TakeAttempt(ctx, kind+":ip:"+ip, perHour, time.Hour)
	if err != nil || ok {
		return err
	}
	e := navigator.Errorf(navigator.KindTooMany, "С вашего адреса слишком много запросов. Попробуйте снова через %s.",
		ru.Count(int(wait.Minutes())+1, "минуту", "минуты", "минут"))
	e.RetryAfter = wait
	return e
}

func registrationBody(base, token string, in navigator.SiteUserInput) string {
	return "Здравствуйте, " + in.FirstName + "!\n\nЧтобы завершить регистрацию в Навигаторе дополнительного образования и войти в личный кабинет, откройте ссылку:\n" +
		base + "/verify-email?token=" + token + "\n\nСсылка действует 72 часа. Учётная запись появится, только когда вы откроете ссылку. " +
		"Если вы не регистрировались в Навигаторе, просто удалите это письмо.\n"
}

func verifyBody(base, token string) string {
	return "Здравствуйте!\n\nЧтобы подтвердить адрес электронной почты в Навигаторе дополнительного образования, откройте ссылку:\n" +
		base + "/verify-email?token=" + token + "\n\nСсылка действует 72 часа. Если вы не регистрировались в Навигаторе, просто удалите это письмо.\n"
}

// RegistrationPending reports whether token is a sign-up's link that can
// still make the account.
func (s *Service) RegistrationPending(ctx context.Context, token string) bool {
	if token == "" || len(token) > 100 {
		return false
	}
	return s.db.RegistrationUsable(ctx, secret.TokenHash(token))
}

// VerifyEmail follows the link from a letter that confirms an address.
func (s *Service) VerifyEmail(ctx context.Context, token string) error {
	if token == "" || len(token) > 100 {
		return navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Запросите новое письмо.")
	}
	_, err := s.db.VerifyEmail(ctx, secret.TokenHash(token))
	return err
}

// ResendVerification sends the parent a new link.
func (s *Service) ResendVerification(ctx context.Context, a navigator.Actor) error {
	if a.Role != navigator.RoleParent {
		return forbidden("Это действие личного кабинета родителя.")
	}
	u, err := s.db.SiteUser(ctx, a.ID)
	if err != nil {
		return err
	}
	if u.EmailVerified {
		return navigator.Errorf(navigator.KindConflict, "Адрес электронной почты уже подтверждён.")
	}
	token := secret.Token()
	return s.db.QueueEmailToken(ctx, store.EmailToken{ID: secret.TokenHash(token), Purpose: "verify_email", SubjectID: u.ID, Email: u.Email,
		Lifetime: VerifyLinkLifetime}, store.Mail{To: u.Email, Subject: "Подтверждение адреса электронной почты", Body: verifyBody(s.baseURL, token)}, nil)
}

// ResetLettersPerHour is how many reset letters an account gets in an hour.
const ResetLettersPerHour = 3

// ResetRequestsPerHour is how many «НЕ ПОМНЮ ПАРОЛЬ» requests one address
// sends in an hour, for any accounts.
const ResetRequestsPerHour = 20

// RequestPasswordReset is «НЕ ПОМНЮ ПАРОЛЬ». The answer is the same whether
// the address is known or not, so it tells nobody who is registered.
func (s *Service) RequestPasswordReset(ctx context.Context, email, ip string) error {
	email, ok := navigator.NormalizeEmail(email)
	if !ok {
		return navigator.Invalid(navigator.FieldError{Field: "email", Code: "format", Message: "Введите адрес электронной почты, например ivanova@example.ru."})
	}
	if err := s.takeFromAddress(ctx, "reset", ip, ResetRequestsPerHour); err != nil {
		return err
	}
	id, err := s.db.SiteUserIDByEmail(ctx, email)
	if err != nil || id == 0 {
		return err
	}
	// At most three letters an hour to one account: the answer is the same,
	// so the limit tells nothing either.
	ok, _, err = s.db.TakeAttempt(ctx, "reset:account:"+strconv.FormatInt(id, 10), ResetLettersPerHour, time.Hour)
	if err != nil || !ok {
		return err
	}
	token := secret.Token()
	body := "Здравствуйте!\n\nЧтобы задать новый пароль в Навигаторе дополнительного образования, откройте ссылку:\n" +
		s.baseURL + "/reset-password?token=" + token + "\n\nСсылка действует один час и только один раз. Если вы не просили сменить пароль, ничего не делайте: старый пароль продолжает действовать.\n"
	return s.db.QueueEmailToken(ctx, store.EmailToken{ID: secret.TokenHash(token), Purpose: "reset_password", SubjectID: id, Email: email,
		Lifetime: ResetLinkLifetime}, store.Mail{To: email, Subject: "Восстановление пароля", Body: body}, nil)
}

// ResetPassword sets a new password by the link; every session of the
// account ends.
func (s *Service) ResetPassword(ctx context.Context, token, newPassword string) error {
	if err := password.Check(newPassword); err != nil {
		return navigator.Invalid(navigator.FieldError{Field: "password", Code: "weak", Message: err.Error()})
	}
	if token == "" || len(token) > 100 {
		return navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Запросите новое письмо.")
	}
	// A link that cannot work costs no hash.
	if err := s.db.TokenUsable(ctx, secret.TokenHash(token), "reset_password"); err != nil {
		return err
	}
	hash, err := s.hashes.Hash(ctx, newPassword)
	if err != nil {
		return err
	}
	_, err = s.db.ResetPassword(ctx, secret.TokenHash(token), hash)
	return err
}
