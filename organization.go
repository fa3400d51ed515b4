package navigator

// Organization is a provider of programs, a certificate office, or both.
type Organization struct {
	ID                  int64    `json:"id"`
	MunicipalityID      int64    `json:"municipality_id"`
	Name                string   `json:"name"`
	ShortName           string   `json:"short_name,omitempty"`
	Type                string   `json:"type,omitempty"`
	INN                 string   `json:"inn,omitempty"`
	Address             string   `json:"address"`
	Phone               string   `json:"phone"`
	Email               string   `json:"email"`
	Website             string   `json:"website,omitempty"`
	Schedule            string   `json:"schedule"`
	IsProvider          bool     `json:"is_provider"`
	IsCertificateOffice bool     `json:"is_certificate_office"`
	Responsible         []Person `json:"responsible_persons"`
}

// Person is a responsible person of an organization.
type Person struct {
	ID       int64  `json:"-"`
	FullName string `json:"full_name"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
}

// OfficeFilter selects certificate offices.
type OfficeFilter struct {
	MunicipalityID int64
}
