package navigator

import "time"

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
