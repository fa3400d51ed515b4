package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
)

// ContractDocument is everything the contract offer, and the contract it
// becomes, says: the parties, the child, the program and group with its
// schedule, the dates and the monthly figures, and what happened to it.
type ContractDocument struct {
	ApplicationID int64                    `json:"application_id"`
	Number        string                   `json:"number"`
	Status        navigator.ContractStatus `json:"status"`
	Paper         bool                     `json:"paper"`  // signed on paper, recorded by the provider
	Ending        bool                     `json:"ending"` // ended early, in force until Terms.EndsOn
	Terms         navigator.Terms          `json:"terms"`
	AcceptBy      navigator.Date           `json:"accept_by"`
	OfferedAt     time.Time                `json:"offered_at"`

	Provider    ProviderParty  `json:"provider"`
	ParentName  string         `json:"parent_name"`
	ParentPhone string         `json:"parent_phone"`
	ParentEmail string         `json:"parent_email"`
	ChildName   string         `json:"child_name"`
	ChildBirth  navigator.Date `json:"child_birth_date"`
	Certificate string         `json:"certificate_number"`

	ProgramID int64                   `json:"program_id"`
	Program   string                  `json:"program"`
	Direction string                  `json:"direction"`
	Module    string                  `json:"module"`
	Hours     int                     `json:"hours"`
	Group     string                  `json:"group"`
	Teacher   string                  `json:"teacher"`
	Address   string                  `json:"address"`
	Schedule  []navigator.ScheduleRow `json:"schedule"`

	EndReason string           `json:"end_reason"`
	History   []ContractEvent  `json:"history"`
	Offer     OfferAcceptance  `json:"-"`
	Ended     *ContractEndMark `json:"-"`
}

// ProviderParty is the provider as a party of the contract.
type ProviderParty struct {
	Name    string `json:"name"`
	INN     string `json:"inn"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
}

// OfferAcceptance is how the offer was answered.
type OfferAcceptance struct {
	Status     string
	AnsweredAt *time.Time
	From       string
}

// ContractEndMark is an early end.
type ContractEndMark struct {
	By string
	On navigator.Date
	At time.Time
}

// ContractEvent is a line of a contract's history.
type ContractEvent struct {
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// ContractScope says whose contract may be read: a parent's (SiteUserID)
// or a provider's (OrganizationID).
type ContractScope struct {
	SiteUserID     int64
	OrganizationID int64
}

// ContractOfApplication loads the contract document of an application in
// scope; an application without an offer, or outside the scope, is not
// found.
func (db *DB) ContractOfApplication(ctx context.Context, scope ContractScope, appID int64) (*ContractDocument, error) {
	d := &ContractDocument{ApplicationID: appID, Number: contractNumber(appID), Schedule: []navigator.ScheduleRow{}}
	err := db.View(ctx, func(tx *Tx) error {
		var owner, org, groupID int64
		var direction string
		var answered, offered sql.NullTime
		var offerStatus, from sql.NullString
		err := tx.QueryRow(ctx, `SELECT a.site_user_id, p.organization_id, g.id,
				org.name, org.inn, org.address, org.phone, org.email,
				TRIM(u.last_name || ' ' || u.first_name || ' ' || u.patronymic), u.phone, u.email,
				TRIM(c.last_name || ' ' || c.first_name || ' ' || c.patronymic), c.birth_date, COALESCE(s.number, ''),
				p.id, p.title, p.direction, m.name, m.hours, g.name, g.teacher, p.address,
				o.status, o.starts_on, o.ends_on, COALESCE(o.price_per_month, 0), COALESCE(o.certificate_monthly, 0), COALESCE(o.family_monthly, 0),
				o.expires_on, o.offered_at, o.answered_at, o.accepted_from
			FROM applications a LEFT JOIN contract_offers o ON o.application_id = a.id
			JOIN children c ON c.id = a.child_id JOIN site_users u ON u.id = a.site_user_id
			JOIN groups g ON g.id = a.group_id JOIN modules m ON m.id = g.module_id JOIN programs p ON p.id = g.program_id
			JOIN organizations org ON org.id = p.organization_id LEFT JOIN certificates s ON s.child_id = c.id
			WHERE a.id = ?`, appID).Scan(&owner, &org, &groupID,
			&d.Provider.Name, &d.Provider.INN, &d.Provider.Address, &d.Provider.Phone, &d.Provider.Email,
			&d.ParentName, &d.ParentPhone, &d.ParentEmail, &d.ChildName, &d.ChildBirth, &d.Certificate,
			&d.ProgramID, &d.Program, &direction, &d.Module, &d.Hours, &d.Group, &d.Teacher, &d.Address,
			&offerStatus, &d.Terms.StartsOn, &d.Terms.EndsOn, &d.Terms.PricePerMonth, &d.Terms.CertificateMonthly, &d.Terms.FamilyMonthly,
			&d.AcceptBy, &offered, &answered, &from)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !scope.covers(owner, org)) {
			return navigator.NotFound("Заявка не найдена.")
		}
		if err != nil {
			return err
		}
		d.Offer.Status, d.Offer.From, d.OfferedAt = offerStatus.String, from.String, offered.Time
		if !offerStatus.Valid {
			// No offer yet: the family has nothing to read; the provider
			// sees the draft it would send, with the terms of today.
			if scope.OrganizationID == 0 {
				return navigator.NotFound("Договора по этой заявке пока нет: он появится, когда организатор примет заявку.")
			}
			in, _, err := termsInputs(ctx, tx, appID)
			if err != nil {
				return err
			}
			if d.Terms, err = navigator.ContractTerms(in); err != nil {
				return err
			}
			d.Status = navigator.ContractDraft
			if d.Schedule, err = groupSchedule(ctx, tx, groupID); err != nil {
				return err
			}
			d.Direction = navigator.DirectionName(direction)
			d.History = []ContractEvent{}
			return nil
		}
		if answered.Valid {
			d.Offer.AnsweredAt = &answered.Time
		}
		d.Direction = navigator.DirectionName(direction)
		d.Paper = d.Offer.Status == "paper"
		d.Status = navigator.ContractExpired
		if d.Offer.Status == "offered" && !d.AcceptBy.Before(navigator.Today(tx.Now())) {
			d.Status = navigator.ContractOffered
		}
		if err := contractOfDocument(ctx, tx, d); err != nil {
			return err
		}
		d.Terms.Months = navigator.MonthsSpanned(d.Terms.StartsOn, d.Terms.EndsOn)
		if d.Schedule, err = groupSchedule(ctx, tx, groupID); err != nil {
			return err
		}
		d.History = contractHistory(d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("contract of application %d: %w", appID, err)
	}
	return d, nil
}

func (s ContractScope) covers(owner, org int64) bool {
	return (s.SiteUserID != 0 && s.SiteUserID == owner) || (s.OrganizationID != 0 && s.OrganizationID == org)
}

// contractOfDocument reads the concluded contract, when there is one,
// over the offer's terms.
func contractOfDocument(ctx context.Context, tx *Tx, d *ContractDocument) error {
	var status, by string
	var ended navigator.Date
	var at sql.NullTime
	err := tx.QueryRow(ctx, `SELECT status, starts_on, ends_on, price_per_month, certificate_monthly, family_monthly, end_reason, ended_on, ended_by, ended_at
		FROM contracts WHERE application_id = ?`, d.ApplicationID).Scan(&status, &d.Terms.StartsOn, &d.Terms.EndsOn, &d.Terms.PricePerMonth,
		&d.Terms.CertificateMonthly, &d.Terms.FamilyMonthly, &d.EndReason, &ended, &by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	d.Status = navigator.ContractActive
	if status == "ended" {
		d.Status = navigator.ContractEnded
	}
	if !ended.IsZero() {
		d.Ending = status != "ended"
		d.Ended = &ContractEndMark{By: by, On: ended}
		if at.Valid {
			d.Ended.At = at.Time
		}
		d.Terms.EndsOn = ended
	}
	return nil
}

// groupSchedule is a group's weekly lessons.
func groupSchedule(ctx context.Context, tx *Tx, groupID int64) ([]navigator.ScheduleRow, error) {
	rows, err := tx.Query(ctx, "SELECT weekday, starts_at, ends_at, room, address FROM group_schedule WHERE group_id = ? ORDER BY weekday, starts_at", groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []navigator.ScheduleRow{}
	for rows.Next() {
		var r navigator.ScheduleRow
		if err := rows.Scan(&r.Weekday, &r.Start, &r.End, &r.Room, &r.Address); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// contractHistory tells, in order, what happened to the offer and the
// contract.
func contractHistory(d *ContractDocument) []ContractEvent {
	if d.OfferedAt.IsZero() {
		return []ContractEvent{}
	}
	h := []ContractEvent{{At: d.OfferedAt, Text: fmt.Sprintf("Организатор принял заявку и направил договор-оферту; принять его можно до %s включительно.", d.AcceptBy.Russian())}}
	if at := d.Offer.AnsweredAt; at != nil {
		switch d.Offer.Status {
		case "accepted":
			text := "Договор принят родителем в личном кабинете"
			if d.Offer.From != "" {
				text += " (с адреса " + d.Offer.From + ")"
			}
			h = append(h, ContractEvent{At: *at, Text: text + ": ребёнок зачислен."})
		case "paper":
			h = append(h, ContractEvent{At: *at, Text: "Организатор отметил договор, подписанный на бумаге: ребёнок зачислен."})
		case "expired":
			h = append(h, ContractEvent{At: *at, Text: "Договор не принят в срок: заявка отменена, место передано следующему в очереди."})
		case "withdrawn":
			h = append(h, ContractEvent{At: *at, Text: "Заявка отозвана или отклонена до принятия договора."})
		}
	}
	if e := d.Ended; e != nil {
		who := "Организатор расторг договор"
		if e.By == "parent" {
			who = "Родитель расторг договор"
		}
		h = append(h, ContractEvent{At: e.At, Text: fmt.Sprintf("%s. Последний день занятий — %s. Причина: %s", who, e.On.Russian(), strings.TrimSuffix(d.EndReason, "."))})
	}
	return h
}
