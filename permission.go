package navigator

// Permission is something the management system lets some roles do. Each
// is defined once here, with the roles that hold it; the service checks
// them, and the pages ask the same question to decide what to offer.
type Permission string

// The permissions of the management system.
const (
	// PermReadFamilies: see site users, their children and certificates
	// (in the actor's municipality, or the whole region).
	PermReadFamilies Permission = "families.read"
	// PermManageFamilies: register parents on their behalf, add children,
	// change a certificate's type, nominal or status, ask «Контингент»,
	// print the application and the consent.
	PermManageFamilies Permission = "families.manage"
	// PermIssueCertificates: confirm a child's data and issue certificates,
	// also without personal data — the authorized office's work.
	PermIssueCertificates Permission = "certificates.issue"
	// PermRunPrograms: a provider's programs, groups, applications,
	// contracts, rosters and achievements.
	PermRunPrograms Permission = "programs.run"
	// PermManageOrganizations: organizations, staff accounts, the
	// municipality's settings and the registries of programs.
	PermManageOrganizations Permission = "organizations.manage"
	// PermRunRegion: municipalities, directions, periods, the nominal
	// ceiling, the advance share and the certification of programs.
	PermRunRegion Permission = "region.run"
	// PermReadAudit: the audit journal (a municipal admin's municipality,
	// the regional admin's whole region).
	PermReadAudit Permission = "audit.read"
	// PermReadReports: the reports and the region's settings read-only.
	PermReadReports Permission = "reports.read"
	// PermApplyExecutor: a provider's application to its municipality's
	// registry of executors (189-ФЗ) and its documents.
	PermApplyExecutor Permission = "executors.apply"
	// PermKeepExecutors: the registry of executors — the applications
	// with their documents, and the decisions to include, refuse and
	// exclude (a municipal admin's municipality, the regional admin's
	// whole region).
	PermKeepExecutors Permission = "executors.keep"
	// PermPayExecutors: accept or return an executor's monthly report of
	// hours given by social certificates, which charges the certificates
	// — the municipality's, as the party of the agreements (189-ФЗ).
	PermPayExecutors Permission = "executors.pay"
)

var permissionRoles = map[Permission][]Role{
	PermReadFamilies:        {RoleOperator, RoleMunicipalAdmin, RoleRegionalAdmin},
	PermManageFamilies:      {RoleOperator, RoleMunicipalAdmin},
	PermIssueCertificates:   {RoleOperator},
	PermRunPrograms:         {RoleProvider},
	PermManageOrganizations: {RoleMunicipalAdmin, RoleRegionalAdmin},
	PermRunRegion:           {RoleRegionalAdmin},
	PermReadAudit:           {RoleMunicipalAdmin, RoleRegionalAdmin},
	PermReadReports:         StaffRoles,
	PermApplyExecutor:       {RoleProvider},
	PermKeepExecutors:       {RoleMunicipalAdmin, RoleRegionalAdmin},
	PermPayExecutors:        {RoleMunicipalAdmin},
}

// Permissions are all the permissions, for tests and documentation.
func Permissions() []Permission {
	return []Permission{PermReadFamilies, PermManageFamilies, PermIssueCertificates, PermRunPrograms,
		PermManageOrganizations, PermRunRegion, PermReadAudit, PermReadReports, PermApplyExecutor, PermKeepExecutors, PermPayExecutors}
}

// Can reports whether the role holds the permission. An unknown
// permission is held by no one.
func (r Role) Can(p Permission) bool {
	for _, h := range permissionRoles[p] {
		if h == r {
			return true
		}
	}
	return false
}

// Can reports whether the signed-in actor holds the permission.
func (a Actor) Can(p Permission) bool { return a.SignedIn() && a.Role.Can(p) }

// SeesWholeRegion reports whether the actor's scope is the whole region
// rather than one municipality or organization.
func (a Actor) SeesWholeRegion() bool { return a.SignedIn() && a.Role == RoleRegionalAdmin }
