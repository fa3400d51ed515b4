package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/store"
)

func requireParent(a navigator.Actor) error {
	if !a.SignedIn() {
		return navigator.Errorf(navigator.KindUnauthorized, "Войдите в личный кабинет.")
	}
	if a.Role != navigator.RoleParent {
		return forbidden("Это раздел личного кабинета родителя.")
	}
	return nil
}

// Apply is «Записаться»: one of the parent's children to a group. A
// retried request with the same idempotency key gets the first answer.
func (s *Service) Apply(ctx context.Context, a navigator.Actor, childID, groupID int64, idempotencyKey string) (int64, navigator.ApplicationStatus, error) {
	if err := requireParent(a); err != nil {
		return 0, "", err
	}
	if len(idempotencyKey) > 200 {
		return 0, "", navigator.Invalid(navigator.FieldError{Field: "Idempotency-Key", Code: "too_long", Message: "Ключ Idempotency-Key — не длиннее 200 символов."})
	}
	return s.db.CreateApplication(ctx, store.NewApplication{SiteUserID: a.ID, ChildID: childID, GroupID: groupID,
		IdempotencyKey: idempotencyKey, RequestHash: fmt.Sprintf("%d:%d", childID, groupID)})
}

// CancelApplication withdraws one of the family's applications.
func (s *Service) CancelApplication(ctx context.Context, a navigator.Actor, appID int64) error {
	if err := requireParent(a); err != nil {
		return err
	}
	return s.db.CancelApplication(ctx, a.ID, appID)
}

// MyApplications is «ИСТОРИЯ ЗАЯВОК».
func (s *Service) MyApplications(ctx context.Context, a navigator.Actor) ([]store.ApplicationRow, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	return s.db.ApplicationsOf(ctx, a.ID, 0)
}

// MyViews is «ИСТОРИЯ ПРОСМОТРОВ».
func (s *Service) MyViews(ctx context.Context, a navigator.Actor) ([]store.ProgramMark, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	return s.db.Views(ctx, a.ID)
}

// MyDeferred is «ОТЛОЖЕНО».
func (s *Service) MyDeferred(ctx context.Context, a navigator.Actor) ([]store.ProgramMark, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	return s.db.Deferred(ctx, a.ID)
}

// PutDeferred puts a program aside at a rank (0: last).
func (s *Service) PutDeferred(ctx context.Context, a navigator.Actor, programID int64, rank int) error {
	if err := requireParent(a); err != nil {
		return err
	}
	if rank < 0 || rank > 1000 {
		return navigator.Invalid(navigator.FieldError{Field: "rank", Code: "range", Message: "Место в списке — от 1 до 1000."})
	}
	return s.db.PutDeferred(ctx, a.ID, programID, rank)
}

// DeleteDeferred takes a program off «ОТЛОЖЕНО».
func (s *Service) DeleteDeferred(ctx context.Context, a navigator.Actor, programID int64) error {
	if err := requireParent(a); err != nil {
		return err
	}
	return s.db.DeleteDeferred(ctx, a.ID, programID)
}

// MyAchievements is «ДОСТИЖЕНИЯ».
func (s *Service) MyAchievements(ctx context.Context, a navigator.Actor) ([]store.Achievement, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	return s.db.AchievementsOf(ctx, a.ID)
}

// AchievementLevels are the levels of a result, with their Russian names.
var AchievementLevels = []struct{ Code, Title string }{
	{"school", "Учреждение"}, {"municipal", "Муниципальный"}, {"regional", "Региональный"},
	{"federal", "Всероссийский"}, {"international", "Международный"},
}

// AddMyAchievement records a child's achievement from the cabinet.
func (s *Service) AddMyAchievement(ctx context.Context, a navigator.Actor, ach store.Achievement) error {
	if _, err := s.parentChild(ctx, a, ach.ChildID); err != nil {
		return err
	}
	if err := validAchievement(&ach, s.today()); err != nil {
		return err
	}
	return s.db.AddAchievement(ctx, ach, a.ID, 0)
}

// validAchievement checks and trims an achievement's fields.
func validAchievement(ach *store.Achievement, today navigator.Date) error {
	var f navigator.Fields
	ach.Title, ach.Result = strings.TrimSpace(ach.Title), strings.TrimSpace(ach.Result)
	if ach.Title == "" || len([]rune(ach.Title)) > 200 {
		f.Add("title", "required", "Укажите название: конкурс, соревнование, выставка — до 200 символов.")
	}
	known := false
	for _, l := range AchievementLevels {
		known = known || l.Code == ach.Level
	}
	if !known {
		f.Add("level", "required", "Выберите уровень.")
	}
	if ach.On.IsZero() || today.Before(ach.On) {
		f.Add("date", "range", "Укажите дату — не позже сегодняшней.")
	}
	if len([]rune(ach.Result)) > 200 {
		f.Add("result", "too_long", "Результат — до 200 символов.")
	}
	return f.Err()
}

// UpdateProfile is «ПРОФИЛЬ»: contact data; a new e-mail asks for the
// password and must be confirmed again.
func (s *Service) UpdateProfile(ctx context.Context, a navigator.Actor, p navigator.SiteUserPatch, currentPassword string) (*navigator.SiteUser, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	u, err := s.db.SiteUser(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	oldEmail := u.Email
	p.ResidentRF, p.EmailVerified = nil, nil // staff decide these
	if err := p.Apply(u); err != nil {
		return nil, err
	}
	changed := u.Email != oldEmail
	if changed {
		cred, err := s.db.CredentialsByEmail(ctx, oldEmail)
		if err == nil {
			err = s.checkPassword(ctx, cred.PasswordHash, currentPassword)
		}
		if navigator.ErrorKind(err) == navigator.KindUnavailable {
			return nil, err
		}
		if err != nil {
			return nil, navigator.Invalid(navigator.FieldError{Field: "current_password", Code: "wrong", Message: "Чтобы сменить e-mail, введите текущий пароль."})
		}
		u.EmailVerified = false
	}
	e := &store.AuditEntry{ActorRole: string(a.Role), ActorID: a.ID, Action: "profile.update", IP: a.IP, Details: changedFields(p)}
	if err := s.db.UpdateSiteUser(ctx, u, e); err != nil {
		return nil, err
	}
	if changed {
		if err := s.ResendVerification(ctx, a); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// ChangePassword is «ПАРОЛЬ»; other sessions can be ended with it.
func (s *Service) ChangePassword(ctx context.Context, a navigator.Actor, current, next string, signOutOthers bool) error {
	if err := requireParent(a); err != nil {
		return err
	}
	u, err := s.db.SiteUser(ctx, a.ID)
	if err != nil {
		return err
	}
	cred, err := s.db.CredentialsByEmail(ctx, u.Email)
	if err == nil {
		err = s.checkPassword(ctx, cred.PasswordHash, current)
	}
	if navigator.ErrorKind(err) == navigator.KindUnavailable {
		return err
	}
	if err != nil {
		return navigator.Invalid(navigator.FieldError{Field: "current_password", Code: "wrong", Message: "Текущий пароль введён неверно."})
	}
	if err := password.Check(next); err != nil {
		return navigator.Invalid(navigator.FieldError{Field: "password", Code: "weak", Message: err.Error()})
	}
	hash, err := s.hashes.Hash(ctx, next)
	if err != nil {
		return err
	}
	if err := s.db.SetPassword(ctx, a.ID, hash); err != nil {
		return err
	}
	if signOutOthers {
		return s.db.DeleteSessionsOf(ctx, navigator.RoleParent, a.ID, a.SessionID)
	}
	return nil
}

// SignOutOthers ends every other session of the parent.
func (s *Service) SignOutOthers(ctx context.Context, a navigator.Actor) error {
	if err := requireParent(a); err != nil {
		return err
	}
	return s.db.DeleteSessionsOf(ctx, navigator.RoleParent, a.ID, a.SessionID)
}

// ViewProgram is the program page; a parent's visit goes to «ИСТОРИЯ
// ПРОСМОТРОВ».
func (s *Service) ViewProgram(ctx context.Context, a navigator.Actor, id int64) (*navigator.Program, error) {
	p, err := s.db.Program(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Role == navigator.RoleParent {
		if err := s.db.RecordView(ctx, a.ID, id); err != nil {
			return nil, err
		}
	}
	// A group whose classes have ended shows «запись закрыта» and no
	// button, as the application would be refused. The program may be
	// shared by a cache: it is copied, not changed.
	today := s.today()
	for i, g := range p.Groups {
		if g.Accepting && !g.TakesApplications(today) {
			cp := *p
			cp.Groups = slices.Clone(p.Groups)
			for j := i; j < len(cp.Groups); j++ {
				cp.Groups[j].Accepting = cp.Groups[j].TakesApplications(today)
			}
			return &cp, nil
		}
	}
	return p, nil
}

// AddAchievementByProvider records an achievement of a child who applied
// to one of the provider's groups; any other child is not found.
func (s *Service) AddAchievementByProvider(ctx context.Context, a navigator.Actor, ach store.Achievement) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	ok, err := s.db.ChildAppliedTo(ctx, ach.ChildID, a.OrganizationID)
	if err != nil {
		return err
	}
	if !ok {
		return notFound()
	}
	if err := validAchievement(&ach, s.today()); err != nil {
		return err
	}
	return s.db.AddAchievement(ctx, ach, 0, a.ID)
}

// errWrongPassword is a password that did not match.
var errWrongPassword = errors.New("wrong password")

// checkPassword verifies a password through the gate: nil when it matches,
// errWrongPassword when it does not, the gate's 503 when it is busy.
func (s *Service) checkPassword(ctx context.Context, hash, pw string) error {
	good, err := s.hashes.Verify(ctx, hash, pw)
	if err != nil {
		return err
	}
	if !good {
		return errWrongPassword
	}
	return nil
}
