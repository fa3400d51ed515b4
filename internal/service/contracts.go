package service

import (
	"context"
	"strings"
	"time"

	"navigator"
	"navigator/internal/printing"
	"navigator/internal/store"
)

// MyApplication is one of the family's applications, with its contract.
func (s *Service) MyApplication(ctx context.Context, a navigator.Actor, appID int64) (*store.ApplicationRow, error) {
	rows, err := s.MyApplications(ctx, a)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].ID == appID {
			return &rows[i], nil
		}
	}
	return nil, notFound()
}

// MyContract is the contract offer, or the contract, of one of the
// family's applications.
func (s *Service) MyContract(ctx context.Context, a navigator.Actor, appID int64) (*store.ContractDocument, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	return s.db.ContractOfApplication(ctx, store.ContractScope{SiteUserID: a.ID}, appID)
}

// AcceptContract is the parent's acceptance of the offer: the contract
// comes into force and the child is enrolled. The acceptance is audited
// with the account and the address it came from.
func (s *Service) AcceptContract(ctx context.Context, a navigator.Actor, appID int64) (*store.ApplicationRow, error) {
	if err := requireParent(a); err != nil {
		return nil, err
	}
	if _, err := s.db.AcceptContractOffer(ctx, a.ID, appID, a.IP, entry(a, "contract.accept")); err != nil {
		return nil, err
	}
	return s.MyApplication(ctx, a, appID)
}

// EndMyContract is the parent's early end of a contract in force.
func (s *Service) EndMyContract(ctx context.Context, a navigator.Actor, appID int64, e navigator.ContractEnding) error {
	if err := requireParent(a); err != nil {
		return err
	}
	e.Reason = strings.TrimSpace(e.Reason)
	return s.db.EndMyContract(ctx, a.ID, appID, e, entry(a, "contract.end"))
}

// ProviderContract is the contract of an application to the provider's
// groups, for printing; it names the parent, so reading it is audited.
func (s *Service) ProviderContract(ctx context.Context, a navigator.Actor, appID int64) (*store.ContractDocument, error) {
	if err := require(a, navigator.PermRunPrograms); err != nil {
		return nil, err
	}
	d, err := s.db.ContractOfApplication(ctx, store.ContractScope{OrganizationID: a.OrganizationID}, appID)
	if err != nil {
		return nil, err
	}
	e := entry(a, "contract.read")
	e.SubjectKind, e.SubjectID = "application", appID
	return d, s.db.Audit(ctx, *e)
}

// MyContractPDF prints the offer or contract of one of the family's
// applications.
func (s *Service) MyContractPDF(ctx context.Context, a navigator.Actor, appID int64) ([]byte, error) {
	d, err := s.MyContract(ctx, a, appID)
	if err != nil {
		return nil, err
	}
	return printing.RenderContract(ContractPaper(d, s.db.Now()))
}

// ProviderContractPDF prints a contract for the provider.
func (s *Service) ProviderContractPDF(ctx context.Context, a navigator.Actor, appID int64) ([]byte, error) {
	d, err := s.ProviderContract(ctx, a, appID)
	if err != nil {
		return nil, err
	}
	return printing.RenderContract(ContractPaper(d, s.db.Now()))
}

// ContractStatusLine is the one line that says where a contract is.
func ContractStatusLine(d *store.ContractDocument) string {
	switch {
	case d.Status == navigator.ContractOffered:
		return "Договор-оферта: принять до " + d.AcceptBy.Russian() + " включительно"
	case d.Status == navigator.ContractActive && d.Ending:
		return "Действует до " + d.Terms.EndsOn.Russian() + " (расторгается)"
	case d.Status == navigator.ContractActive && d.Paper:
		return "Действует: подписан на бумаге"
	case d.Status == navigator.ContractActive:
		return "Действует: принят в личном кабинете"
	}
	return d.Status.Title()
}

// ContractPaper is what the printed contract says.
func ContractPaper(d *store.ContractDocument, now time.Time) printing.Contract {
	c := printing.Contract{Number: d.Number, Status: ContractStatusLine(d),
		Provider: d.Provider.Name, ProviderINN: d.Provider.INN, ProviderAddr: d.Provider.Address,
		ProviderPhone: navigator.FormatPhone(d.Provider.Phone), ProviderEmail: d.Provider.Email,
		ParentName: d.ParentName, ParentPhone: navigator.FormatPhone(d.ParentPhone), ParentEmail: d.ParentEmail,
		ChildName: d.ChildName, ChildBirthDate: d.ChildBirth.Russian(), Certificate: d.Certificate,
		Program: d.Program, Direction: d.Direction, Module: d.Module, Hours: d.Hours,
		Group: d.Group, Teacher: d.Teacher, Address: d.Address,
		StartsOn: d.Terms.StartsOn.Russian(), EndsOn: d.Terms.EndsOn.Russian(), Months: d.Terms.Months,
		Price: d.Terms.PricePerMonth.Amount(), CertificatePays: d.Terms.CertificateMonthly.Amount(), FamilyPays: d.Terms.FamilyMonthly.Amount(),
		Date: now}
	for _, r := range d.Schedule {
		line := navigator.WeekdayNames[r.Weekday] + " " + r.Start + "–" + r.End
		if r.Room != "" {
			line += ", " + r.Room
		}
		c.Schedule = append(c.Schedule, line)
	}
	for _, h := range d.History {
		c.History = append(c.History, h.At.In(navigator.Zone).Format("02.01.2006 15:04")+" — "+h.Text)
	}
	return c
}
