package navigator

import (
	"errors"
	"reflect"
	"testing"
)

func TestCertificateChangePlan(t *testing.T) {
	rub := func(n int64) Money { return Money(n * 100) }
	ptr := func(m Money) *Money { return &m }
	fin := func(nominal, balance, reserve int64) Certificate {
		return Certificate{Type: CertificateFinancing, Status: CertificateActive, Nominal: rub(nominal), Balance: rub(balance), Reserve: rub(reserve)}
	}
	cert := Certificate{Type: CertificateAccounting, Status: CertificateActive}
	cases := []struct {
		name string
		c    CertificateChange
		want CertificatePlan
		code string // the refusal's field code, or "conflict"
	}{
		{name: "unconfirmed child cannot become certified",
			c: CertificateChange{Old: Certificate{Type: CertificateUnconfirmed}, To: CertificateAccounting}, code: "unconfirmed"},
		{name: "unconfirmed child may stay unconfirmed",
			c: CertificateChange{Old: Certificate{Type: CertificateUnconfirmed}, To: CertificateUnconfirmed}, want: CertificatePlan{}},
		{name: "closed certificate",
			c: CertificateChange{Old: Certificate{Type: CertificateAccounting, Status: CertificateClosed}, ChildConfirmed: true, To: CertificateFinancing}, code: "conflict"},
		{name: "financing with contracts cannot leave financing",
			c: CertificateChange{Old: fin(50000, 20000, 10000), ChildConfirmed: true, To: CertificateAccounting}, code: "conflict"},
		{name: "financing without contracts leaves, its balance expires in its own period",
			c:    CertificateChange{Old: fin(50000, 30000, 0), ChildConfirmed: true, To: CertificateAccounting},
			want: CertificatePlan{FreesQuota: true, Ledger: []LedgerMove{{Kind: "expire", Amount: rub(30000), Note: "Смена типа сертификата", InOldPeriod: true}}}},
		{name: "spent financing leaves without a ledger entry",
			c:    CertificateChange{Old: fin(50000, 0, 0), ChildConfirmed: true, To: CertificateAccounting},
			want: CertificatePlan{FreesQuota: true}},
		{name: "quota full: the request waits",
			c:    CertificateChange{Old: cert, ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000)},
			want: CertificatePlan{Queue: true}},
		{name: "quota free: the period's nominal",
			c: CertificateChange{Old: cert, ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), QuotaFree: true},
			want: CertificatePlan{Nominal: rub(50000), Balance: rub(50000), ToCurrentPeriod: true,
				Ledger: []LedgerMove{{Kind: "nominal", Amount: rub(50000), Note: "Номинал на период"}}}},
		{name: "quota free: a smaller nominal asked",
			c: CertificateChange{Old: cert, ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), QuotaFree: true, Nominal: ptr(rub(30000))},
			want: CertificatePlan{Nominal: rub(30000), Balance: rub(30000), ToCurrentPeriod: true,
				Ledger: []LedgerMove{{Kind: "nominal", Amount: rub(30000), Note: "Номинал на период"}}}},
		{name: "over the municipality's nominal",
			c: CertificateChange{Old: cert, ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), QuotaFree: true, Nominal: ptr(rub(60000))}, code: "over_limit"},
		{name: "negative nominal",
			c: CertificateChange{Old: cert, ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), QuotaFree: true, Nominal: ptr(-1)}, code: "negative"},
		{name: "financing stays: nominal kept when none asked",
			c:    CertificateChange{Old: fin(40000, 25000, 5000), ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000)},
			want: CertificatePlan{Nominal: rub(40000), Balance: rub(25000), ToCurrentPeriod: true}},
		{name: "financing raised: the difference is added",
			c: CertificateChange{Old: fin(40000, 25000, 5000), ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), Nominal: ptr(rub(45000))},
			want: CertificatePlan{Nominal: rub(45000), Balance: rub(30000), ToCurrentPeriod: true,
				Ledger: []LedgerMove{{Kind: "nominal", Amount: rub(5000), Note: "Изменение номинала"}}}},
		{name: "financing lowered: the difference expires",
			c: CertificateChange{Old: fin(40000, 25000, 5000), ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), Nominal: ptr(rub(30000))},
			want: CertificatePlan{Nominal: rub(30000), Balance: rub(15000), ToCurrentPeriod: true,
				Ledger: []LedgerMove{{Kind: "expire", Amount: rub(10000), Note: "Изменение номинала"}}}},
		{name: "financing lowered below spent and reserved (10 000 + 5 000)",
			c: CertificateChange{Old: fin(40000, 25000, 5000), ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), Nominal: ptr(rub(14999))}, code: "below_used"},
		{name: "financing lowered to exactly spent and reserved",
			c: CertificateChange{Old: fin(40000, 25000, 5000), ChildConfirmed: true, To: CertificateFinancing, PeriodNominal: rub(50000), Nominal: ptr(rub(15000))},
			want: CertificatePlan{Nominal: rub(15000), Balance: 0, ToCurrentPeriod: true,
				Ledger: []LedgerMove{{Kind: "expire", Amount: rub(25000), Note: "Изменение номинала"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.c.Plan()
			if tc.code != "" {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("want a refusal %q, got %v (%+v)", tc.code, err, got)
				}
				code := e.Code
				if e.Kind == KindConflict {
					code = "conflict"
				} else if len(e.Fields) > 0 {
					code = e.Fields[0].Code
				}
				if code != tc.code {
					t.Fatalf("refusal %q (%v), want %q", code, err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("plan\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
