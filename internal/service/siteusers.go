package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/password"
	"navigator/internal/store"
)

// SiteUsersPerPage is how many site users a page of the list shows.
const SiteUsersPerPage = 20

// SearchSiteUsers is «Пользователи сайта»: staff find parents of their
// municipality by e-mail, phone, surname or certificate number.
func (s *Service) SearchSiteUsers(ctx context.Context, a navigator.Actor, q string, p navigator.Paging) ([]store.SiteUserRow, int, error) {
	if err := require(a, navigator.PermReadFamilies); err != nil {
		return nil, 0, err
	}
	p = navigator.PageOf(p.Page, p.PerPage, SiteUsersPerPage)
	f := store.SiteUserFilter{Query: q, Page: p.Page, PerPage: p.PerPage}
	if a.Role != navigator.RoleRegionalAdmin {
		f.MunicipalityID = a.MunicipalityID
	}
	rows, total, err := s.db.SearchSiteUsers(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	// Every staff read of a list of people is audited, a search or not:
	// paging through an empty query lists every parent in scope.
	action := "site_user.search"
	if q == "" {
		action = "site_user.list"
	}
	e := entry(a, action)
	e.Details = "page " + strconv.Itoa(f.Page) + ", found " + strconv.Itoa(total)
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, 0, err
	}
	return rows, total, nil
}

// SiteUser opens the user card; the read is audited.
func (s *Service) SiteUser(ctx context.Context, a navigator.Actor, id int64) (*navigator.SiteUser, error) {
	if err := require(a, navigator.PermReadFamilies); err != nil {
		return nil, err
	}
	u, err := s.db.SiteUser(ctx, id)
	if err != nil {
		return nil, err
	}
	if !familyScope(a, u.MunicipalityID) {
		return nil, notFound()
	}
	e := entry(a, "site_user.read")
	e.SubjectKind, e.SubjectID = "site_user", id
	if err := s.db.Audit(ctx, *e); err != nil {
		return nil, err
	}
	return u, nil
}

// RegisterOnBehalf registers a parent at the office: the same form without
// the checkbox, the paper consent recorded with the operator's name. The
// password may be empty: the parent sets one through «Не помню пароль».
func (s *Service) RegisterOnBehalf(ctx context.Context, a navigator.Actor, in navigator.SiteUserInput) (*navigator.SiteUser, error) {
	if err := require(a, navigator.PermManageFamilies); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.MunicipalityID != a.MunicipalityID {
		return nil, navigator.Invalid(navigator.FieldError{Field: "municipality_id", Code: "scope",
			Message: "Регистрировать можно только жителей своего муниципалитета."})
	}
	hash := ""
	if in.Password != "" {
		if err := password.Check(in.Password); err != nil {
			return nil, navigator.Invalid(navigator.FieldError{Field: "password", Code: "weak", Message: err.Error()})
		}
		var err error
		if hash, err = s.hashes.Hash(ctx, in.Password); err != nil {
			return nil, err
		}
	}
	return s.db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: in, PasswordHash: hash, PaperConsentBy: a.ID, ResidentRF: true},
		entry(a, "site_user.create"))
}

// UpdateSiteUser saves the card «Основные».
func (s *Service) UpdateSiteUser(ctx context.Context, a navigator.Actor, id int64, p navigator.SiteUserPatch) (*navigator.SiteUser, error) {
	if err := require(a, navigator.PermReadFamilies); err != nil {
		return nil, err
	}
	u, err := s.db.SiteUser(ctx, id)
	if err != nil {
		return nil, err
	}
	if !familyScope(a, u.MunicipalityID) {
		return nil, notFound()
	}
	before := *u
	if err := p.Apply(u); err != nil {
		return nil, err
	}
	if !familyScope(a, u.MunicipalityID) {
		return nil, navigator.Invalid(navigator.FieldError{Field: "municipality_id", Code: "scope",
			Message: "Перевести семью в другой муниципалитет может администратор региона."})
	}
	e := entry(a, "site_user.update")
	e.Details = changedFields(p)
	// The flags are no one's personal data: their old and new values are
	// kept, for «Резидент РФ: да → нет».
	for _, c := range []struct {
		name     string
		set      bool
		old, new bool
	}{{"resident_rf", p.ResidentRF != nil, before.ResidentRF, u.ResidentRF}, {"email_verified", p.EmailVerified != nil, before.EmailVerified, u.EmailVerified}} {
		if c.set && c.old != c.new {
			e.Details = strings.Replace(e.Details, c.name, fmt.Sprintf("%s:%t>%t", c.name, c.old, c.new), 1)
		}
	}
	if err := s.db.UpdateSiteUser(ctx, u, e); err != nil {
		return nil, err
	}
	return u, nil
}

// changedFields names the fields a patch sets, for the audit (never their
// values).
func changedFields(p navigator.SiteUserPatch) string {
	out := ""
	add := func(set bool, name string) {
		if set {
			if out != "" {
				out += ","
			}
			out += name
		}
	}
	add(p.LastName != nil, "last_name")
	add(p.FirstName != nil, "first_name")
	add(p.Patronymic != nil, "patronymic")
	add(p.Phone != nil, "phone")
	add(p.Email != nil, "email")
	add(p.MunicipalityID != nil, "municipality_id")
	add(p.ResidentRF != nil, "resident_rf")
	add(p.EmailVerified != nil, "email_verified")
	return out
}

// Activity is the card's «Активность» tab: what happened to the account
// and by whom.
func (s *Service) Activity(ctx context.Context, a navigator.Actor, siteUserID int64) ([]store.AuditEntry, error) {
	if _, err := s.SiteUser(ctx, a, siteUserID); err != nil {
		return nil, err
	}
	return s.db.ActivityOf(ctx, siteUserID, 100)
}

// ApplicationsOfUser is the card's «Заявки» tab.
func (s *Service) ApplicationsOfUser(ctx context.Context, a navigator.Actor, siteUserID int64) ([]store.ApplicationRow, error) {
	if _, err := s.SiteUser(ctx, a, siteUserID); err != nil {
		return nil, err
	}
	return s.db.ApplicationsOf(ctx, siteUserID, 0)
}
