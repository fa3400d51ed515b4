package service

import (
	"context"
	"time"

	"navigator"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// VerifyLinkLifetime is how long a link to confirm an e-mail works.
const VerifyLinkLifetime = 72 * time.Hour

// SendEmailVerification is «Отправить письмо с подтверждением email»: a
// one-time link goes to the address in the card through the mail queue.
func (s *Service) SendEmailVerification(ctx context.Context, a navigator.Actor, siteUserID int64) error {
	u, err := s.SiteUser(ctx, a, siteUserID)
	if err != nil {
		return err
	}
	if u.EmailVerified {
		return navigator.Errorf(navigator.KindConflict, "Адрес электронной почты уже подтверждён.")
	}
	token := secret.Token()
	link := s.baseURL + "/verify-email?token=" + token
	body := "Здравствуйте!\n\nЧтобы подтвердить адрес электронной почты в Навигаторе дополнительного образования, откройте ссылку:\n" +
		link + "\n\nСсылка действует 72 часа. Если вы не регистрировались в Навигаторе, просто удалите это письмо.\n"
	e := entry(a, "site_user.send_verification")
	e.SubjectKind, e.SubjectID = "site_user", siteUserID
	return s.db.QueueEmailToken(ctx, store.EmailToken{ID: secret.TokenHash(token), Purpose: "verify_email", SubjectID: siteUserID,
		Email: u.Email, Lifetime: VerifyLinkLifetime}, store.Mail{To: u.Email, Subject: "Подтверждение адреса электронной почты", Body: body}, e)
}
