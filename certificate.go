package navigator

import (
	"encoding/json"
	"time"
)

// CertificateType is what a certificate gives.
type CertificateType string

// Certificate types.
const (
	CertificateUnconfirmed CertificateType = "unconfirmed" // requested online; the child is not confirmed yet
	CertificateAccounting  CertificateType = "accounting"  // сертификат учёта
	CertificateFinancing   CertificateType = "financing"   // сертификат финансирования
)

// Valid reports whether t is a known type.
func (t CertificateType) Valid() bool {
	return t == CertificateUnconfirmed || t == CertificateAccounting || t == CertificateFinancing
}

// Title is the Russian name as the «Новый сертификат» form shows it.
func (t CertificateType) Title() string {
	switch t {
	case CertificateUnconfirmed:
		return "Сертификат не подтверждён"
	case CertificateAccounting:
		return "Сертификат учёта"
	case CertificateFinancing:
		return "Сертификат финансирования"
	}
	return string(t)
}

// CertificateStatus is a certificate's state.
type CertificateStatus string

// Title is the Russian name of the status.
func (s CertificateStatus) Title() string {
	return map[CertificateStatus]string{CertificateActive: "Действует", CertificateFrozen: "Заморожен", CertificateClosed: "Закрыт"}[s]
}

// Certificate statuses.
const (
	CertificateActive CertificateStatus = "active"
	CertificateFrozen CertificateStatus = "frozen" // «Заморожен»
	CertificateClosed CertificateStatus = "closed" // the child turned 18
)

// Certificate is a child's registry entry: issued once, valid until 18.
type Certificate struct {
	ID             int64             `json:"-"`
	ChildID        int64             `json:"child_id"`
	Number         string            `json:"number"`
	Type           CertificateType   `json:"type"`
	Status         CertificateStatus `json:"status"`
	Unit           string            `json:"unit"`
	Nominal        Money             `json:"nominal"`
	Balance        Money             `json:"balance"`
	Reserve        Money             `json:"reserve"`
	MunicipalityID int64             `json:"municipality_id"`
	OrganizationID int64             `json:"organization_id,omitempty"`
	IssuedBy       int64             `json:"issued_by,omitempty"`
	IssuedAt       time.Time         `json:"issued_at"`
	DataSource     string            `json:"data_source"`
	PapersKept     bool              `json:"papers_kept"`
	// FinancingQueue is the place in the queue for a financing certificate
	// when the municipality's quota is full (0: not waiting).
	FinancingQueue int `json:"financing_queue_position,omitempty"`
	// The hours of a social certificate (Unit "hour"): its volume for the
	// period, what is left and what contracts reserve. They are kept
	// beside the roubles, which still hold what contracts made under
	// ПФДО reserve after the municipality switched.
	HoursNominal Hours `json:"-"`
	HoursBalance Hours `json:"-"`
	HoursReserve Hours `json:"-"`
}

// Social reports whether c is a social certificate counted in hours.
func (c *Certificate) Social() bool { return c.Unit == UnitHour }

// MarshalJSON writes nominal, balance and reserve in the certificate's
// unit: a social certificate's are hours ("72"), and the roubles its
// earlier contracts still reserve are rub_reserve.
func (c Certificate) MarshalJSON() ([]byte, error) {
	type plain Certificate
	if !c.Social() {
		return json.Marshal(plain(c))
	}
	return json.Marshal(struct {
		plain
		Nominal    Hours  `json:"nominal"`
		Balance    Hours  `json:"balance"`
		Reserve    Hours  `json:"reserve"`
		RubReserve *Money `json:"rub_reserve,omitempty"`
	}{plain: plain(c), Nominal: c.HoursNominal, Balance: c.HoursBalance, Reserve: c.HoursReserve, RubReserve: nonZero(c.Reserve)})
}

func nonZero(m Money) *Money {
	if m == 0 {
		return nil
	}
	return &m
}

// Left is what the certificate has left, in its unit, for people:
// «72 ч» or «25 000,00 ₽».
func (c *Certificate) Left() string {
	if c.Social() {
		return c.HoursBalance.Russian()
	}
	return c.Balance.Russian()
}

// NominalText is the nominal in the certificate's unit, for people.
func (c *Certificate) NominalText() string {
	if c.Social() {
		return c.HoursNominal.Russian()
	}
	return c.Nominal.Russian()
}

// ReserveText is what contracts reserve, in the certificate's unit, for
// people; a social certificate also names the roubles its earlier ПФДО
// contracts still hold.
func (c *Certificate) ReserveText() string {
	if !c.Social() {
		return c.Reserve.Russian()
	}
	if c.Reserve > 0 {
		return c.HoursReserve.Russian() + " и " + c.Reserve.Russian() + " по прежним договорам"
	}
	return c.HoursReserve.Russian()
}

// Title is the certificate's kind as people read it: a financing
// certificate of a municipality in the social regime is the social
// certificate.
func (c *Certificate) Title() string {
	if c.Social() && c.Type == CertificateFinancing {
		return "Социальный сертификат на получение муниципальной услуги"
	}
	return c.Type.Title()
}

// ValidCertificateNumber reports whether s is 10 digits.
func ValidCertificateNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
