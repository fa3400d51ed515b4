package navigator

import (
	"fmt"
	"time"
)

// ContractStatus is where a contract is, as API.md names it.
type ContractStatus string

// Contract statuses of API.md.
const (
	ContractOffered ContractStatus = "offered" // the provider accepted; the parent's acceptance is awaited
	ContractActive  ContractStatus = "active"  // in force
	ContractEnded   ContractStatus = "ended"   // ended early or ran to its end
	ContractExpired ContractStatus = "expired" // the offer lapsed before acceptance
	// ContractDraft is what the provider previews before accepting; the
	// family's API never shows it.
	ContractDraft ContractStatus = "draft"
)

// Title is the Russian name of the status.
func (s ContractStatus) Title() string {
	return map[ContractStatus]string{ContractOffered: "Ожидает акцепта", ContractActive: "Действует",
		ContractEnded: "Прекращён", ContractExpired: "Оферта не акцептована", ContractDraft: "Проект: ещё не направлен родителю"}[s]
}

// DefaultOfferDays is how many days a parent has to accept an offer when
// the municipality sets nothing else.
const DefaultOfferDays = 10

// ValidOfferDays reports whether n is a number of days a municipality may
// give parents to accept an offer.
func ValidOfferDays(n int) bool { return n >= 1 && n <= 60 }

// Terms are a contract's dates and monthly figures.
type Terms struct {
	StartsOn           Date  `json:"starts_on"`
	EndsOn             Date  `json:"ends_on"`
	Months             int   `json:"months"`
	PricePerMonth      Money `json:"price_per_month"`
	CertificateMonthly Money `json:"certificate_monthly"`
	FamilyMonthly      Money `json:"family_monthly"`
	// Unit is what the certificate's share is counted in: "rub", or
	// "hour" for a social certificate, whose share is HoursMonthly hours
	// a month priced at HourCost each (CertificateMonthly is their money
	// equivalent, at most the price).
	Unit         string `json:"unit"`
	HoursMonthly Hours  `json:"hours_monthly,omitempty"`
	HourCost     Money  `json:"hour_cost,omitempty"`
}

// Reserved is what the certificate reserves in roubles for the whole
// contract: nothing for a contract in hours.
func (t Terms) Reserved() Money {
	if t.Unit == UnitHour {
		return 0
	}
	return t.CertificateMonthly * Money(t.Months)
}

// ReservedHours is what a social certificate reserves for the whole
// contract.
func (t Terms) ReservedHours() Hours {
	if t.Unit != UnitHour {
		return 0
	}
	return t.HoursMonthly * Hours(t.Months)
}

// TermsInput is what the terms are computed from: the group's dates, the
// module's price and normative cost, and the child's certificate.
type TermsInput struct {
	Today, GroupStarts, GroupEnds Date
	Price, Normative              Money
	// CertificatePays: a financing certificate, in force, in a certified
	// program; Balance is what it has left in the period.
	CertificatePays bool
	Balance         Money
	// Social: the certificate is a social one, counted in hours. The
	// module gives ModuleHours over ModuleMonths; HourCost is the
	// normative cost of an hour of the program's direction in the social
	// order; HoursBalance is what the certificate has left in hours.
	Social                    bool
	ModuleHours, ModuleMonths int
	HourCost                  Money
	HoursBalance              Hours
}

// HoursPerMonth is the module's hours a month.
func (in TermsInput) HoursPerMonth() Hours {
	if in.ModuleMonths <= 0 {
		return 0
	}
	return WholeHours(int64(in.ModuleHours)) / Hours(in.ModuleMonths)
}

// ContractTerms computes a contract's terms: it starts on the group's
// first day or today, whichever is later, and runs to the group's last;
// the certificate pays min(price, normative cost, balance ÷ months) a
// month and the family the rest. A group already over, or a certificate
// that should pay but has nothing left, is an error a person can read.
func ContractTerms(in TermsInput) (Terms, error) {
	starts := in.GroupStarts
	if starts.Before(in.Today) {
		starts = in.Today
	}
	if in.GroupEnds.Before(starts) {
		return Terms{}, Errorf(KindConflict, "Занятия группы уже закончились: договор заключить нельзя.")
	}
	t := Terms{StartsOn: starts, EndsOn: in.GroupEnds, Months: MonthsSpanned(starts, in.GroupEnds),
		PricePerMonth: in.Price, FamilyMonthly: in.Price, Unit: UnitRub}
	if in.CertificatePays && in.Social {
		return socialTerms(t, in)
	}
	if in.CertificatePays {
		if in.Balance <= 0 {
			return Terms{}, &Error{Kind: KindInvalid, Code: "balance",
				Message: "На сертификате не осталось средств в этом периоде: с оплатой сертификатом договор заключить нельзя. Семья может оплатить обучение сама."}
		}
		t.CertificateMonthly = Min(in.Price, in.Normative, in.Balance/Money(t.Months))
		t.FamilyMonthly = in.Price - t.CertificateMonthly
	}
	return t, nil
}

// socialTerms are the terms of a social certificate: it covers the
// module's hours a month, as far as its hours last for every month of the
// contract, at the direction's cost of an hour; the family pays the rest
// of the price.
func socialTerms(t Terms, in TermsInput) (Terms, error) {
	t.Unit = UnitHour
	t.HourCost = in.HourCost
	t.HoursMonthly = MinHours(in.HoursPerMonth(), in.HoursBalance/Hours(t.Months))
	if t.HoursMonthly <= 0 || in.HourCost <= 0 {
		return Terms{}, &Error{Kind: KindInvalid, Code: "balance",
			Message: "На социальном сертификате не осталось часов в этом периоде: по сертификату договор заключить нельзя. Семья может оплатить обучение сама."}
	}
	t.CertificateMonthly = Min(in.Price, t.HoursMonthly.Cost(in.HourCost))
	t.FamilyMonthly = in.Price - t.CertificateMonthly
	return t, nil
}

// WorseForFamily reports whether terms computed at acceptance ask more
// of the family than the offer it read: then the offer is made again.
func (t Terms) WorseForFamily(offered Terms) bool {
	return t.PricePerMonth != offered.PricePerMonth || t.FamilyMonthly > offered.FamilyMonthly || t.EndsOn != offered.EndsOn
}

// MonthsSpanned counts the calendar months from..to spans, both ends
// included, at least one.
func MonthsSpanned(from, to Date) int {
	f, t := from.Time(), to.Time()
	n := (t.Year()-f.Year())*12 + int(t.Month()-f.Month()) + 1
	return max(n, 1)
}

// OfferExpiresOn is the last day a parent may accept an offer made on
// the day offered.
func OfferExpiresOn(offered Date, days int) Date {
	return DateOf(offered.Time().AddDate(0, 0, days))
}

// EndOfMonth is the last day of d's month.
func EndOfMonth(d Date) Date {
	t := d.Time()
	return DateOf(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC))
}

// ContractEnding is a request to end a contract in force early.
type ContractEnding struct {
	Reason string
	On     Date // the last day of lessons; zero: the end of this month
}

// CheckEnding validates an early end of a contract running starts..ends
// on the day today and returns the day it ends. The month of that day is
// still paid; a day before today or after the contract's own end is
// refused.
func CheckEnding(e ContractEnding, today, starts, ends Date) (Date, error) {
	var f Fields
	reason := []rune(e.Reason)
	if len(reason) == 0 || len(reason) > 500 {
		f.Add("reason", "required", "Укажите причину расторжения (до 500 символов).")
	}
	on := e.On
	if on.IsZero() {
		on = EndOfMonth(today)
		if ends.Before(on) {
			on = ends
		}
	}
	switch {
	case on.Before(today):
		f.Add("ends_on", "past", "Дата прекращения не может быть раньше сегодняшней.")
	case ends.Before(on):
		f.Add("ends_on", "after_end", fmt.Sprintf("Договор и так заканчивается %s: выберите дату не позже.", ends.Russian()))
	}
	if len(f) > 0 {
		return Date{}, Invalid(f...)
	}
	return on, nil
}
