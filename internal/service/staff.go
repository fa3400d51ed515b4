package service

import (
	"context"
	"time"

	"navigator"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// InvitationLifetime is how long an invitation link works.
const InvitationLifetime = 72 * time.Hour

// staffScope tells whether an admin may see a staff account: the regional
// admin every one, a municipal admin those of its municipality.
func staffScope(a navigator.Actor, municipalityID int64) bool {
	switch a.Role {
	case navigator.RoleRegionalAdmin:
		return true
	case navigator.RoleMunicipalAdmin:
		return municipalityID != 0 && a.MunicipalityID == municipalityID
	}
	return false
}

// mayManage tells whether an admin may invite, disable or reset an
// account of the role: a municipal admin the operators and providers of
// its municipality, the regional admin anyone but itself.
func mayManage(a navigator.Actor, role navigator.Role, municipalityID int64) bool {
	switch a.Role {
	case navigator.RoleRegionalAdmin:
		return true
	case navigator.RoleMunicipalAdmin:
		return (role == navigator.RoleOperator || role == navigator.RoleProvider) && a.MunicipalityID == municipalityID
	}
	return false
}

// ListStaff is «Сотрудники»: the accounts the admin may see.
func (s *Service) ListStaff(ctx context.Context, a navigator.Actor, q string) ([]store.StaffRow, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	f := store.StaffFilter{Query: q}
	if a.Role == navigator.RoleMunicipalAdmin {
		f.MunicipalityID = a.MunicipalityID
	}
	return s.db.StaffList(ctx, f)
}

// StaffCard is one account with its live sessions.
type StaffCard struct {
	Staff     *navigator.Staff
	Place     int64 // municipality
	Sessions  []store.StaffSession
	CodesLeft int
	Manage    bool
}

// StaffAccount returns an account the admin may see; others are not found.
func (s *Service) StaffAccount(ctx context.Context, a navigator.Actor, id int64) (*StaffCard, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	role, mun, err := s.db.StaffPlace(ctx, id)
	if err != nil {
		return nil, err
	}
	if !staffScope(a, mun) {
		return nil, outOfScope()
	}
	st, err := s.db.Staff(ctx, id)
	if err != nil {
		return nil, err
	}
	card := &StaffCard{Staff: st, Place: mun, Manage: mayManage(a, role, mun) && id != a.ID}
	if card.Sessions, err = s.db.StaffSessions(ctx, id); err != nil {
		return nil, err
	}
	if card.CodesLeft, err = s.db.RecoveryCodesLeft(ctx, id); err != nil {
		return nil, err
	}
	return card, nil
}

// managed checks that the admin may manage the account.
func (s *Service) managed(ctx context.Context, a navigator.Actor, id int64) error {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return err
	}
	role, mun, err := s.db.StaffPlace(ctx, id)
	if err != nil {
		return err
	}
	if !staffScope(a, mun) {
		return outOfScope()
	}
	if id == a.ID {
		return forbidden("Свою учётную запись так изменить нельзя: попросите другого администратора.")
	}
	if !mayManage(a, role, mun) {
		return forbidden("Эту учётную запись ведёт администратор региона.")
	}
	return nil
}

// StaffInvite is what an admin fills in to invite a colleague.
type StaffInvite struct {
	Email          string         `json:"email"`
	FullName       string         `json:"full_name"`
	Phone          string         `json:"phone"`
	Role           navigator.Role `json:"role"`
	OrganizationID int64          `json:"organization_id"`
	MunicipalityID int64          `json:"municipality_id"`
}

// InviteStaff creates an account and sends the invitation: a one-time
// link that expires; a password never travels by e-mail.
func (s *Service) InviteStaff(ctx context.Context, a navigator.Actor, in StaffInvite) (*navigator.Staff, error) {
	if err := require(a, navigator.PermManageOrganizations); err != nil {
		return nil, err
	}
	st := &navigator.Staff{Email: in.Email, FullName: in.FullName, Phone: in.Phone, Role: in.Role,
		OrganizationID: in.OrganizationID, MunicipalityID: in.MunicipalityID}
	if !st.Role.NeedsOrganization() {
		st.OrganizationID = 0
	}
	if !st.Role.NeedsMunicipality() {
		st.MunicipalityID = 0
	}
	if err := st.Validate(); err != nil {
		return nil, err
	}
	mun := st.MunicipalityID
	if st.OrganizationID != 0 {
		o, err := s.db.Organization(ctx, st.OrganizationID)
		if navigator.ErrorKind(err) == navigator.KindNotFound {
			return nil, navigator.Invalid(navigator.FieldError{Field: "organization_id", Code: "not_found", Message: "Организация не найдена."})
		}
		if err != nil {
			return nil, err
		}
		mun = o.MunicipalityID
	}
	if !mayManage(a, st.Role, mun) {
		if a.Role == navigator.RoleMunicipalAdmin && mun != a.MunicipalityID {
			return nil, navigator.Invalid(navigator.FieldError{Field: "organization_id", Code: "out_of_scope",
				Message: "Приглашать можно только сотрудников организаций своего муниципалитета."})
		}
		return nil, forbidden("Администраторов приглашает администратор региона.")
	}
	token := secret.Token()
	e := entry(a, "staff.invited")
	e.Details = string(st.Role)
	err := s.db.InviteStaff(ctx, st, a.ID, store.EmailToken{ID: secret.TokenHash(token), Purpose: "staff_invite", Lifetime: InvitationLifetime},
		store.Mail{Subject: "Приглашение в систему управления Навигатором", Body: s.invitationBody(st, token)}, e)
	if err != nil {
		return nil, err
	}
	return st, nil
}

func (s *Service) invitationBody(st *navigator.Staff, token string) string {
	return "Здравствуйте" + greetingName(st.FullName) + "!\n\nВас пригласили в систему управления Навигатором дополнительного образования (роль: «" +
		st.Role.Title() + "»).\n\nЧтобы задать пароль и подключить приложение-аутентификатор, откройте ссылку:\n" +
		s.baseURL + "/staff/invitation?token=" + token + "\n\nСсылка действует 72 часа и только один раз. Пароль мы не присылаем и никогда не спрашиваем по почте или телефону.\n"
}

func greetingName(n string) string {
	if n == "" {
		return ""
	}
	return ", " + n
}

// ReinviteStaff sends a new invitation link to an account: for a lost
// phone, or an invitation that expired. The old factor and sessions end.
func (s *Service) ReinviteStaff(ctx context.Context, a navigator.Actor, id int64) error {
	if err := s.managed(ctx, a, id); err != nil {
		return err
	}
	st, err := s.db.Staff(ctx, id)
	if err != nil {
		return err
	}
	token := secret.Token()
	return s.db.ReinviteStaff(ctx, id, store.EmailToken{ID: secret.TokenHash(token), Purpose: "staff_invite", Lifetime: InvitationLifetime},
		store.Mail{Subject: "Новое приглашение в систему управления Навигатором", Body: s.invitationBody(st, token)}, entry(a, "staff.reinvited"))
}

// SetStaffDisabled turns an account off (its sessions end at once) or on.
func (s *Service) SetStaffDisabled(ctx context.Context, a navigator.Actor, id int64, disabled bool) error {
	if err := s.managed(ctx, a, id); err != nil {
		return err
	}
	action := "staff.enabled"
	if disabled {
		action = "staff.disabled"
	}
	return s.db.SetStaffDisabled(ctx, id, disabled, entry(a, action))
}

// EndStaffSession ends one session of an account the admin may see.
func (s *Service) EndStaffSession(ctx context.Context, a navigator.Actor, id int64, ref string) error {
	if _, err := s.StaffAccount(ctx, a, id); err != nil {
		return err
	}
	return s.db.EndStaffSession(ctx, id, ref, entry(a, "staff.session_ended"))
}
