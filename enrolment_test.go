package navigator

import (
	"testing"
	"time"
)

func TestEnrolmentCheck(t *testing.T) {
	today := NewDate(2026, time.December, 6)
	base := Enrolment{Accepting: true, GroupEndsOn: NewDate(2027, time.May, 31), AgeFrom: 7, AgeTo: 12, Registry: RegistryCertified,
		BirthDate: NewDate(2016, time.March, 1), Today: today,
		Certificate: &Certificate{Type: CertificateFinancing, Status: CertificateActive, Balance: 100000}}
	cert := func(typ CertificateType, st CertificateStatus, bal Money) *Certificate {
		return &Certificate{Type: typ, Status: st, Balance: bal}
	}
	for _, tc := range []struct {
		name string
		edit func(*Enrolment)
		code string // "" allowed
	}{
		{"financing into certified", func(*Enrolment) {}, ""},
		{"group closed", func(e *Enrolment) { e.Accepting = false }, "closed"},
		{"group ended", func(e *Enrolment) { e.GroupEndsOn = NewDate(2026, time.December, 5) }, "closed"},
		{"group ends today", func(e *Enrolment) { e.GroupEndsOn = today }, ""},
		{"too young", func(e *Enrolment) { e.BirthDate = NewDate(2020, time.January, 1) }, "age"},
		{"too old", func(e *Enrolment) { e.BirthDate = NewDate(2010, time.January, 1) }, "age"},
		{"12 until the birthday", func(e *Enrolment) { e.BirthDate = NewDate(2013, time.December, 7) }, ""},
		{"paid needs no certificate", func(e *Enrolment) { e.Registry, e.Certificate = RegistryPaid, nil }, ""},
		{"paid with a frozen one", func(e *Enrolment) {
			e.Registry, e.Certificate = RegistryPaid, cert(CertificateFinancing, CertificateFrozen, 0)
		}, ""},
		{"budget without certificate", func(e *Enrolment) { e.Registry, e.Certificate = RegistryBudget, nil }, "no_certificate"},
		{"frozen", func(e *Enrolment) { e.Certificate = cert(CertificateFinancing, CertificateFrozen, 100) }, "no_certificate"},
		{"closed certificate", func(e *Enrolment) { e.Certificate = cert(CertificateAccounting, CertificateClosed, 0) }, "no_certificate"},
		{"unconfirmed", func(e *Enrolment) { e.Certificate = cert(CertificateUnconfirmed, CertificateActive, 0) }, "unconfirmed_certificate"},
		{"budget limit reached", func(e *Enrolment) {
			e.Registry, e.Certificate, e.BudgetLimit, e.BudgetUsed = RegistryBudget, cert(CertificateAccounting, CertificateActive, 0), 3, 3
		}, "limit"},
		{"budget under the limit", func(e *Enrolment) {
			e.Registry, e.Certificate, e.BudgetLimit, e.BudgetUsed = RegistryBudget, cert(CertificateAccounting, CertificateActive, 0), 3, 2
		}, ""},
		{"budget, no limit set", func(e *Enrolment) {
			e.Registry, e.Certificate, e.BudgetUsed = RegistryBudget, cert(CertificateAccounting, CertificateActive, 0), 9
		}, ""},
		{"budget with financing: no limit", func(e *Enrolment) { e.Registry, e.BudgetLimit, e.BudgetUsed = RegistryBudget, 1, 5 }, ""},
		{"certified, balance spent", func(e *Enrolment) { e.Certificate = cert(CertificateFinancing, CertificateActive, 0) }, "balance"},
		{"certified with accounting: family pays", func(e *Enrolment) { e.Certificate = cert(CertificateAccounting, CertificateActive, 0) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := base
			tc.edit(&e)
			err := e.Check()
			var got string
			if err != nil {
				got = err.(*Error).Code
				if err.(*Error).Kind != KindInvalid || err.(*Error).Message == "" {
					t.Fatalf("refusal %#v", err)
				}
			}
			if got != tc.code {
				t.Fatalf("code %q, want %q (%v)", got, tc.code, err)
			}
		})
	}
}
