package service

import (
	"context"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/store"
)

// ProviderApplications lists the applications to the provider's groups,
// oldest first.
func (s *Service) ProviderApplications(ctx context.Context, a navigator.Actor, groupID int64, status string) ([]store.ProviderApplication, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	if status != "" && navigator.ApplicationStatus(status).Title() == "" {
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown", Message: "Неизвестный статус заявки."})
	}
	return s.db.ProviderApplications(ctx, a.OrganizationID, groupID, status)
}

// AcceptApplication is the provider's agreement to take the child: it
// sends the parent the contract offer.
func (s *Service) AcceptApplication(ctx context.Context, a navigator.Actor, appID int64) (*store.ContractOffer, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	return s.db.AcceptApplication(ctx, appID, a.OrganizationID, a.ID, entry(a, "application.accept"))
}

// RejectApplication refuses with a reason the parent reads.
func (s *Service) RejectApplication(ctx context.Context, a navigator.Actor, appID int64, reason string) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	if err := s.db.ApplicationOfOrganization(ctx, appID, a.OrganizationID); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || len([]rune(reason)) > 500 {
		return navigator.Invalid(navigator.FieldError{Field: "reason", Code: "required", Message: "Укажите причину отказа (до 500 символов): её прочтёт родитель."})
	}
	return s.db.RejectApplication(ctx, appID, a.OrganizationID, reason, entry(a, "application.reject"))
}

// EnrollApplication records a contract the parent signed on paper: the
// provider must say so (paper), since without it the contract is the
// offer the parent accepts in the cabinet.
func (s *Service) EnrollApplication(ctx context.Context, a navigator.Actor, appID int64, paper bool) (*store.Contract, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	if err := s.db.ApplicationOfOrganization(ctx, appID, a.OrganizationID); err != nil {
		return nil, err
	}
	if !paper {
		return nil, navigator.Invalid(navigator.FieldError{Field: "paper_contract", Code: "required",
			Message: "Отметьте «Договор подписан на бумаге», если родитель подписал его у вас; иначе дождитесь, когда родитель примет договор в личном кабинете."})
	}
	return s.db.EnrollApplication(ctx, appID, a.OrganizationID, a.ID, entry(a, "contract.paper"))
}

// ProviderPrograms lists the provider's programs.
func (s *Service) ProviderPrograms(ctx context.Context, a navigator.Actor) ([]navigator.Program, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	return s.db.ProviderPrograms(ctx, a.OrganizationID)
}

// ProviderProgram returns one of the provider's programs.
func (s *Service) ProviderProgram(ctx context.Context, a navigator.Actor, id int64) (*navigator.Program, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	return s.db.ProviderProgram(ctx, id, a.OrganizationID)
}

// CreateProgram adds a program of the provider's organization.
func (s *Service) CreateProgram(ctx context.Context, a navigator.Actor, in navigator.ProgramInput) (*navigator.Program, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.Status == navigator.ProgramPublished {
		// A new program has no groups yet: it cannot enter the catalog.
		if err := navigator.CanPublish(in.Description, in.AgeFrom, in.AgeTo, nil, navigator.Today(s.now())); err != nil {
			return nil, err
		}
	}
	id, err := s.db.CreateProgram(ctx, a.OrganizationID, in, entry(a, "program.create"))
	if err != nil {
		return nil, err
	}
	return s.db.ProviderProgram(ctx, id, a.OrganizationID)
}

// UpdateProgram changes a program: every field, its modules and prices,
// its status. Publishing needs what a parent needs (navigator.CanPublish).
func (s *Service) UpdateProgram(ctx context.Context, a navigator.Actor, id int64, in navigator.ProgramInput) (*navigator.Program, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.Status == navigator.ProgramPublished {
		cur, err := s.db.ProviderProgram(ctx, id, a.OrganizationID)
		if err != nil {
			return nil, err
		}
		// Checked when the program enters the catalog; a published one
		// whose enrolment has closed may still be corrected.
		if cur.Status != navigator.ProgramPublished {
			if err := navigator.CanPublish(in.Description, in.AgeFrom, in.AgeTo, cur.Groups, navigator.Today(s.now())); err != nil {
				return nil, err
			}
		}
	}
	if err := s.db.UpdateProgram(ctx, id, a.OrganizationID, in, entry(a, "program.update")); err != nil {
		return nil, err
	}
	return s.db.ProviderProgram(ctx, id, a.OrganizationID)
}

// CreateGroup adds a group to a program.
func (s *Service) CreateGroup(ctx context.Context, a navigator.Actor, programID int64, in navigator.GroupInput) (int64, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return 0, err
	}
	if err := s.db.ProgramOfOrganization(ctx, programID, a.OrganizationID); err != nil {
		return 0, err
	}
	if err := in.Validate(false); err != nil {
		return 0, err
	}
	return s.db.CreateGroup(ctx, programID, a.OrganizationID, in, entry(a, "group.create"))
}

// UpdateGroup changes a group; freed or added seats go to the wait list.
func (s *Service) UpdateGroup(ctx context.Context, a navigator.Actor, groupID int64, in navigator.GroupInput) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	if err := in.Validate(true); err != nil {
		return err
	}
	return s.db.UpdateGroup(ctx, groupID, a.OrganizationID, in, entry(a, "group.update"))
}

// EndContract ends an enrolled child's contract early, on the day chosen
// (by default the end of this month).
func (s *Service) EndContract(ctx context.Context, a navigator.Actor, appID int64, e navigator.ContractEnding) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	if err := s.db.ApplicationOfOrganization(ctx, appID, a.OrganizationID); err != nil {
		return err
	}
	e.Reason = strings.TrimSpace(e.Reason)
	return s.db.EndContract(ctx, appID, a.OrganizationID, e, entry(a, "contract.end"))
}

// Roster is a group's list of children for the provider: the live
// applications in arrival order, with each child's birth date and the
// parent's contacts. Reading it is audited with the applications read.
func (s *Service) Roster(ctx context.Context, a navigator.Actor, groupID int64) (string, []store.InboxRow, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return "", nil, err
	}
	name, err := s.db.GroupOfOrganization(ctx, groupID, a.OrganizationID)
	if err != nil {
		return "", nil, err
	}
	var live []store.InboxRow
	const page = navigator.MaxPerPage
	for n := 1; ; n++ {
		rows, total, err := s.db.ProviderInbox(ctx, a.OrganizationID, store.InboxFilter{GroupID: groupID, Page: n, PerPage: page})
		if err != nil {
			return "", nil, err
		}
		for _, r := range rows {
			name = r.Program + " — " + r.Group
			if navigator.ApplicationStatus(r.Status).Live() {
				live = append(live, r)
			}
		}
		if n*page >= total {
			break
		}
	}
	e := entry(a, "group.roster")
	e.SubjectKind, e.SubjectID = "group", groupID
	ids := make([]string, len(live))
	for i, r := range live {
		ids[i] = strconv.FormatInt(r.ID, 10)
	}
	e.Details = "applications " + strings.Join(ids, ",")
	if err := s.db.Audit(ctx, *e); err != nil {
		return "", nil, err
	}
	return name, live, nil
}

// SendForCertification is the provider's request to enter the certified
// registry.
func (s *Service) SendForCertification(ctx context.Context, a navigator.Actor, programID int64) error {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return err
	}
	return s.db.SendForCertification(ctx, programID, a.OrganizationID, entry(a, "program.certification_request"))
}

// CertificationQueue is the regional admin's queue of programs.
func (s *Service) CertificationQueue(ctx context.Context, a navigator.Actor, state string) ([]store.CertificationRow, error) {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return nil, err
	}
	switch state {
	case "", "pending", "accepted", "refused":
	default:
		return nil, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown", Message: "Состояние — pending, accepted или refused."})
	}
	return s.db.CertificationQueue(ctx, state)
}

// DecideCertification is the regional admin's acceptance into the
// certified registry, or a refusal with a reason.
func (s *Service) DecideCertification(ctx context.Context, a navigator.Actor, programID int64, accept bool, reason string) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if !accept && (reason == "" || len([]rune(reason)) > 1000) {
		return navigator.Invalid(navigator.FieldError{Field: "reason", Code: "required", Message: "Укажите причину отказа (до 1000 символов): её прочтёт организатор."})
	}
	action := "program.certification_refused"
	if accept {
		action = "program.certification_accepted"
	}
	return s.db.DecideCertification(ctx, programID, accept, reason, entry(a, action))
}

// InboxPerPage is how many applications a page of «Заявки» shows.
const InboxPerPage = 30

// ProviderInbox is the provider's «Заявки»: a page of the applications
// to its groups, oldest first, with the parents' contacts. The contacts
// are personal data, so each page read is audited with the applications
// it showed.
func (s *Service) ProviderInbox(ctx context.Context, a navigator.Actor, f store.InboxFilter) ([]store.InboxRow, int, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && navigator.ApplicationStatus(f.Status).Title() == "" {
		return nil, 0, navigator.Invalid(navigator.FieldError{Field: "status", Code: "unknown", Message: "Неизвестный статус заявки."})
	}
	p := navigator.PageOf(f.Page, f.PerPage, InboxPerPage)
	f.Page, f.PerPage = p.Page, p.PerPage
	rows, total, err := s.db.ProviderInbox(ctx, a.OrganizationID, f)
	if err != nil {
		return nil, 0, err
	}
	if len(rows) > 0 {
		ids := make([]string, len(rows))
		for i, r := range rows {
			ids[i] = strconv.FormatInt(r.ID, 10)
		}
		e := entry(a, "application.contacts.read")
		e.Details = "applications " + strings.Join(ids, ",")
		if err := s.db.Audit(ctx, *e); err != nil {
			return nil, 0, err
		}
	}
	return rows, total, nil
}

// NewApplications is the count beside «Заявки» in the provider's menu.
func (s *Service) NewApplications(ctx context.Context, a navigator.Actor) (int, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return 0, err
	}
	return s.db.NewApplications(ctx, a.OrganizationID)
}
