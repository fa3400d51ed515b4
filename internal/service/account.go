package service

import (
	"context"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// ResetLinkLifetime is how long a «НЕ ПОМНЮ ПАРОЛЬ» link works.
const ResetLinkLifetime = time.Hour

// Register is the portal's registration: the seed's form with the
// consent; the letter with the link to confirm the e-mail goes in the same
// transaction.
func (s *Service) Register(ctx context.Context, in navigator.SiteUserInput, consent bool) (*navigator.SiteUser, error) {
	var f navigator.Fields
	if err := in.Validate(); err != nil {
		var e *navigator.Error
		if asError(err, &e) {
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
	token := secret.Token()
	letter := &store.Letter{
		Token: store.EmailToken{ID: secret.TokenHash(token), Purpose: "verify_email", Email: in.Email, Lifetime: VerifyLinkLifetime},
		Mail:  store.Mail{To: in.Email, Subject: "Подтверждение адреса электронной почты", Body: verifyBody(s.baseURL, token)},
	}
	return s.db.RegisterSiteUser(ctx, store.NewSiteUser{SiteUserInput: in, PasswordHash: password.Hash(in.Password), ConsentOnline: true, ResidentRF: true},
		letter, nil)
}

func verifyBody(base, token string) string {
	return "Здравствуйте!\n\nЧтобы подтвердить адрес электронной почты в Навигаторе дополнительного образования, откройте ссылку:\n" +
		base + "/verify-email?token=" + token + "\n\nСсылка действует 72 часа. Если вы не регистрировались в Навигаторе, просто удалите это письмо.\n"
}

// VerifyEmail follows the link from the letter.
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

// RequestPasswordReset is «НЕ ПОМНЮ ПАРОЛЬ». The answer is the same whether
// the address is known or not, so it tells nobody who is registered.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email, ok := navigator.NormalizeEmail(email)
	if !ok {
		return navigator.Invalid(navigator.FieldError{Field: "email", Code: "format", Message: "Введите адрес электронной почты, например ivanova@example.ru."})
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
	_, err := s.db.ResetPassword(ctx, secret.TokenHash(token), password.Hash(newPassword))
	return err
}
