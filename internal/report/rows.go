package report

import "navigator"

// CertificateRow counts certificates issued on a day in a municipality
// by an office, of a type. OfficeID 0 is a certificate requested online.
type CertificateRow struct {
	Day            navigator.Date `json:"day"`
	MunicipalityID int64          `json:"municipality_id"`
	Municipality   string         `json:"municipality"`
	OfficeID       int64          `json:"office_id"`
	Office         string         `json:"office"`
	Type           string         `json:"type"`
	Count          int64          `json:"count"`
}

// CoverageRow is a municipality's children with certificates against
// all its children, as its admin entered them for the current period.
type CoverageRow struct {
	MunicipalityID  int64   `json:"municipality_id"`
	Municipality    string  `json:"municipality"`
	ChildrenTotal   int64   `json:"children_total"`
	WithCertificate int64   `json:"with_certificate"`
	Financing       int64   `json:"financing"`
	Accounting      int64   `json:"accounting"`
	Unconfirmed     int64   `json:"unconfirmed"`
	CoveragePercent float64 `json:"coverage_percent"`
}

// SetPercent computes the coverage.
func (r *CoverageRow) SetPercent() { r.CoveragePercent = percent(r.WithCertificate, r.ChildrenTotal) }

// ApplicationRow counts applications to programs of a direction in a
// status.
type ApplicationRow struct {
	Direction string `json:"direction"`
	Status    string `json:"status"`
	Count     int64  `json:"count"`
}

// FillRow is a group's seats: how many are held and how many children
// study.
type FillRow struct {
	GroupID        int64   `json:"group_id"`
	MunicipalityID int64   `json:"municipality_id"`
	Municipality   string  `json:"municipality"`
	OrganizationID int64   `json:"organization_id"`
	Organization   string  `json:"organization"`
	ProgramID      int64   `json:"program_id"`
	Program        string  `json:"program"`
	Group          string  `json:"group"`
	Capacity       int64   `json:"capacity"`
	SeatsTaken     int64   `json:"seats_taken"`
	Enrolled       int64   `json:"enrolled"`
	FillPercent    float64 `json:"fill_percent"`
}

// SetPercent computes the fill rate from the seats held.
func (r *FillRow) SetPercent() { r.FillPercent = percent(r.SeatsTaken, r.Capacity) }

// MoneyRow is the certificates' money of the current period for a
// municipality or a provider: the nominals given, what contracts hold in
// reserve now, what was charged, and the balance left.
type MoneyRow struct {
	ID           int64           `json:"id"`
	Name         string          `json:"name"`
	Municipality string          `json:"municipality,omitempty"` // a provider's municipality
	Certificates int64           `json:"certificates"`
	Contracts    int64           `json:"contracts"`
	Nominal      navigator.Money `json:"nominal"`
	Reserved     navigator.Money `json:"reserved"`
	Charged      navigator.Money `json:"charged"`
	Balance      navigator.Money `json:"balance"`
}

// StatementRow is one contract in a provider's monthly statement: what
// the certificate owes for the month, the advance the region pays ahead
// and the final payment after the month.
type StatementRow struct {
	ContractID        int64           `json:"contract_id"`
	Contract          string          `json:"contract"`
	CertificateNumber string          `json:"certificate_number"`
	Program           string          `json:"program"`
	Group             string          `json:"group"`
	StartsOn          navigator.Date  `json:"starts_on"`
	EndsOn            navigator.Date  `json:"ends_on"`
	Amount            navigator.Money `json:"amount"`
	Charged           navigator.Money `json:"charged"`
	Advance           navigator.Money `json:"advance"`
	Remainder         navigator.Money `json:"remainder"`
}

// SetAdvance splits the amount into the advance (share percent of it,
// rounded down to the kopeck) and the remainder.
func (r *StatementRow) SetAdvance(share int) {
	r.Advance = r.Amount * navigator.Money(share) / 100
	r.Remainder = r.Amount - r.Advance
}

// SocialOrderRow is a direction of a municipality's social order for a
// year: what was ordered, what applications and contracts hold, and the
// hours given by accepted reports, charged to the certificates.
type SocialOrderRow struct {
	MunicipalityID     int64           `json:"municipality_id"`
	Municipality       string          `json:"municipality"`
	Direction          string          `json:"direction"`
	Method             string          `json:"method"`
	Hours              navigator.Hours `json:"hours"`
	Children           int64           `json:"children"`
	HoursContracted    navigator.Hours `json:"hours_contracted"`
	ChildrenContracted int64           `json:"children_contracted"`
	HoursGiven         navigator.Hours `json:"hours_given"`
	ExecutionPercent   float64         `json:"execution_percent"` // given of ordered
}

// SocialExecutorRow is an executor's work by social certificate in a
// year: its agreements, children, the hours they hold and the hours given
// with their money equivalent.
type SocialExecutorRow struct {
	OrganizationID  int64           `json:"organization_id"`
	Name            string          `json:"name"`
	Municipality    string          `json:"municipality"`
	Agreements      int64           `json:"agreements"`
	Children        int64           `json:"children"`
	HoursContracted navigator.Hours `json:"hours_contracted"`
	HoursGiven      navigator.Hours `json:"hours_given"`
	AmountGiven     navigator.Money `json:"amount_given"`
}

// SetExecution computes the share of the ordered hours given.
func (r *SocialOrderRow) SetExecution() {
	r.ExecutionPercent = percent(int64(r.HoursGiven), int64(r.Hours))
}
