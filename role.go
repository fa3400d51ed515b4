package navigator

// Role is what an account may do.
type Role string

// Roles of API.md.
const (
	RoleParent         Role = "parent"
	RoleOperator       Role = "operator"
	RoleProvider       Role = "provider"
	RoleMunicipalAdmin Role = "municipal_admin"
	RoleRegionalAdmin  Role = "regional_admin"
)

// StaffRoles are the roles of the management system.
var StaffRoles = []Role{RoleOperator, RoleProvider, RoleMunicipalAdmin, RoleRegionalAdmin}

// IsStaff reports whether r is a role of the management system.
func (r Role) IsStaff() bool {
	switch r {
	case RoleOperator, RoleProvider, RoleMunicipalAdmin, RoleRegionalAdmin:
		return true
	}
	return false
}

// NeedsOrganization reports whether an account of the role belongs to an
// organization (an operator to a certificate office, a provider to a
// provider).
func (r Role) NeedsOrganization() bool { return r == RoleOperator || r == RoleProvider }

// NeedsMunicipality reports whether an account of the role belongs to a
// municipality directly.
func (r Role) NeedsMunicipality() bool { return r == RoleMunicipalAdmin }

// NeedsSecondFactor reports whether the role must sign in with TOTP.
func (r Role) NeedsSecondFactor() bool { return r.IsStaff() }

// Title is the Russian name of the role.
func (r Role) Title() string {
	switch r {
	case RoleParent:
		return "Пользователь сайта"
	case RoleOperator:
		return "Оператор уполномоченной организации"
	case RoleProvider:
		return "Организатор программ"
	case RoleMunicipalAdmin:
		return "Администратор муниципалитета"
	case RoleRegionalAdmin:
		return "Администратор региона"
	}
	return string(r)
}

// Actor is who performs an operation: a site user or a staff account with
// its place. Services check every operation against it.
type Actor struct {
	Role           Role
	ID             int64 // site user ID for parents, staff ID otherwise
	OrganizationID int64 // operators and providers
	MunicipalityID int64 // the account's municipality (derived from the organization for operators and providers)
	SessionID      string
	IP             string
}

// Anonymous is the actor of a request without a session.
var Anonymous = Actor{}

// SignedIn reports whether the actor has an account.
func (a Actor) SignedIn() bool { return a.Role != "" && a.ID != 0 }

// Is reports whether the actor has one of the roles.
func (a Actor) Is(roles ...Role) bool {
	for _, r := range roles {
		if a.Role == r {
			return true
		}
	}
	return false
}

// SeesMunicipality reports whether the actor's scope covers the municipality.
func (a Actor) SeesMunicipality(municipalityID int64) bool {
	switch a.Role {
	case RoleRegionalAdmin:
		return true
	case RoleMunicipalAdmin, RoleOperator:
		return a.MunicipalityID == municipalityID
	}
	return false
}
