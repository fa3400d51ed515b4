package navigator

import "time"

// Staff is an account of the management system.
type Staff struct {
	ID             int64     `json:"id"`
	Email          string    `json:"email"`
	FullName       string    `json:"full_name"`
	Phone          string    `json:"phone,omitempty"`
	Role           Role      `json:"role"`
	OrganizationID int64     `json:"organization_id,omitempty"`
	MunicipalityID int64     `json:"municipality_id,omitempty"`
	TOTPEnabled    bool      `json:"totp_enabled"`
	Disabled       bool      `json:"disabled"`
	CreatedAt      time.Time `json:"created_at"`
}

// Validate checks the account's fields and that its role has its place.
func (s *Staff) Validate() error {
	var f Fields
	if _, ok := NormalizeEmail(s.Email); !ok {
		f.Add("email", "format", "Укажите адрес электронной почты, например ivanova@example.ru.")
	}
	if !s.Role.IsStaff() {
		f.Add("role", "unknown", "Роль — одна из: operator, provider, municipal_admin, regional_admin.")
	}
	if s.Role.NeedsOrganization() && s.OrganizationID == 0 {
		f.Add("organization", "required", "Для этой роли укажите организацию.")
	}
	if s.Role.NeedsMunicipality() && s.MunicipalityID == 0 {
		f.Add("municipality", "required", "Для этой роли укажите муниципалитет.")
	}
	return f.Err()
}

// SiteUser is a parent or legal representative with an account.
type SiteUser struct {
	ID             int64     `json:"id"`
	MunicipalityID int64     `json:"municipality_id"`
	LastName       string    `json:"last_name"`
	FirstName      string    `json:"first_name"`
	Patronymic     string    `json:"patronymic"`
	Phone          string    `json:"phone"`
	Email          string    `json:"email"`
	EmailVerified  bool      `json:"email_verified"`
	ResidentRF     bool      `json:"resident_rf"`
	CreatedAt      time.Time `json:"created_at"`
}

// Session is a signed-in browser or script.
type Session struct {
	ID         string // the hash of the token, hex; never the token itself
	Role       Role
	SubjectID  int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// Session lifetimes.
const (
	SessionIdle     = 30 * time.Minute
	SessionAbsolute = 12 * time.Hour
)

// Alive reports whether the session may still be used at now.
func (s *Session) Alive(now time.Time) bool {
	return now.Before(s.ExpiresAt) && now.Sub(s.LastSeenAt) < SessionIdle
}
