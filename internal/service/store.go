package service

import (
	"context"
	"time"

	"navigator"
	"navigator/internal/store"
)

// Store is what the service needs of the database, one small interface per
// domain object (as gotosocial's db.DB is made of db.Account, db.Status, …):
// a method of the service says by its fields what it touches, and a test
// double of one object needs only that object's methods. *store.DB
// implements all of them; reports read through reportdb.
type Store interface {
	applicationStore
	contractStore
	certificateStore
	childStore
	siteUserStore
	staffStore
	sessionStore
	municipalityStore
	organizationStore
	programStore
	executorStore
	auditStore
	mailStore
	reportJobStore
	healthStore
	attendanceStore
	executorReportStore
}

var _ Store = (*store.DB)(nil)

// applicationStore is the applications: a family's, and a provider's inbox and decisions.
type applicationStore interface {
	ApplicationsOf(ctx context.Context, siteUserID, childID int64) ([]store.ApplicationRow, error)
	CreateApplication(ctx context.Context, n store.NewApplication) (int64, navigator.ApplicationStatus, error)
	CancelApplication(ctx context.Context, siteUserID, appID int64) error
	ProviderApplications(ctx context.Context, organizationID, groupID int64, status string) ([]store.ProviderApplication, error)
	AcceptApplication(ctx context.Context, appID, organizationID, staffID int64, audit *store.AuditEntry) (*store.ContractOffer, error)
	RejectApplication(ctx context.Context, appID, organizationID int64, reason string, audit *store.AuditEntry) error
	ProviderInbox(ctx context.Context, organizationID int64, f store.InboxFilter) ([]store.InboxRow, int, error)
	NewApplications(ctx context.Context, organizationID int64) (int, error)
	ApplicationOfOrganization(ctx context.Context, appID, organizationID int64) error
	ChildAppliedTo(ctx context.Context, childID, organizationID int64) (bool, error)
}

// contractStore is the offers and contracts.
type contractStore interface {
	AcceptContractOffer(ctx context.Context, siteUserID, appID int64, from string, audit *store.AuditEntry) (*store.Contract, error)
	EnrollApplication(ctx context.Context, appID, organizationID, staffID int64, audit *store.AuditEntry) (*store.Contract, error)
	EndMyContract(ctx context.Context, siteUserID, appID int64, e navigator.ContractEnding, audit *store.AuditEntry) error
	EndContract(ctx context.Context, appID, organizationID int64, e navigator.ContractEnding, audit *store.AuditEntry) error
	ContractOfApplication(ctx context.Context, scope store.ContractScope, appID int64) (*store.ContractDocument, error)
}

// certificateStore is the certificates and their issue.
type certificateStore interface {
	Certificate(ctx context.Context, number string) (*navigator.Certificate, error)
	IssueCertificate(ctx context.Context, is store.Issue, audit *store.AuditEntry) (*navigator.Certificate, error)
	Confirm(ctx context.Context, childID, staffID, organizationID int64, snilsSealed []byte, snilsHash string, audit *store.AuditEntry) (*store.ChildRecord, error)
	ConfirmAndIssue(ctx context.Context, is store.Issue, audit *store.AuditEntry) (*navigator.Certificate, error)
	ChangeCertificate(ctx context.Context, number string, typ navigator.CertificateType, nominal *navigator.Money, audit *store.AuditEntry) (*navigator.Certificate, error)
	SetCertificateStatus(ctx context.Context, number string, status navigator.CertificateStatus, audit *store.AuditEntry) (*navigator.Certificate, error)
	IssueWithoutPersonalData(ctx context.Context, q store.QuickIssue, audit *store.AuditEntry) (*store.QuickIssueResult, error)
	NominalCeiling(ctx context.Context) (navigator.Money, error)
	SetNominalCeiling(ctx context.Context, ceiling navigator.Money, audit *store.AuditEntry) error
}

// childStore is the children and their achievements.
type childStore interface {
	CreateChild(ctx context.Context, siteUserID int64, in navigator.ChildInput, audit *store.AuditEntry) (*store.ChildRecord, error)
	UpdateChild(ctx context.Context, id int64, up store.ChildUpdate, audit *store.AuditEntry) (*store.ChildRecord, error)
	Child(ctx context.Context, id int64) (*store.ChildRecord, error)
	ChildrenOf(ctx context.Context, siteUserID int64) ([]store.ChildRecord, error)
	ChildBySNILS(ctx context.Context, hash string) (childID, municipalityID int64, err error)
	AddAchievement(ctx context.Context, a store.Achievement, siteUserID, staffID int64) error
	AchievementsOf(ctx context.Context, siteUserID int64) ([]store.Achievement, error)
}

// siteUserStore is the site users (parents): accounts, registration, e-mail links, viewed and deferred programs.
type siteUserStore interface {
	CreateSiteUser(ctx context.Context, n store.NewSiteUser, audit *store.AuditEntry) (*navigator.SiteUser, error)
	UpdateSiteUser(ctx context.Context, u *navigator.SiteUser, audit *store.AuditEntry) error
	SearchSiteUsers(ctx context.Context, f store.SiteUserFilter) ([]store.SiteUserRow, int, error)
	SiteUser(ctx context.Context, id int64) (*navigator.SiteUser, error)
	SetPassword(ctx context.Context, siteUserID int64, hash string) error
	QueueRegistration(ctx context.Context, n store.NewSiteUser, t store.EmailToken, m store.Mail) error
	EmailTaken(ctx context.Context, email string) (bool, error)
	RegistrationUsable(ctx context.Context, id string) bool
	VerifyEmail(ctx context.Context, tokenID string) (int64, error)
	ResetPassword(ctx context.Context, tokenID, passwordHash string) (int64, error)
	SiteUserIDByEmail(ctx context.Context, email string) (int64, error)
	RecordView(ctx context.Context, siteUserID, programID int64) error
	Views(ctx context.Context, siteUserID int64) ([]store.ProgramMark, error)
	Deferred(ctx context.Context, siteUserID int64) ([]store.ProgramMark, error)
	PutDeferred(ctx context.Context, siteUserID, programID int64, rank int) error
	DeleteDeferred(ctx context.Context, siteUserID, programID int64) error
}

// staffStore is the staff accounts, their invitations and sessions.
type staffStore interface {
	CredentialsByEmail(ctx context.Context, email string) (*store.Credentials, error)
	Staff(ctx context.Context, id int64) (*navigator.Staff, error)
	StaffList(ctx context.Context, f store.StaffFilter) ([]store.StaffRow, error)
	StaffPlace(ctx context.Context, id int64) (role navigator.Role, municipalityID int64, err error)
	StaffSessions(ctx context.Context, staffID int64) ([]store.StaffSession, error)
	EndStaffSession(ctx context.Context, staffID int64, ref string, audit *store.AuditEntry) error
	SetStaffDisabled(ctx context.Context, staffID int64, disabled bool, audit *store.AuditEntry) error
	RecoveryCodesLeft(ctx context.Context, staffID int64) (int, error)
	InviteStaff(ctx context.Context, s *navigator.Staff, invitedBy int64, t store.EmailToken, m store.Mail, audit *store.AuditEntry) error
	ReinviteStaff(ctx context.Context, staffID int64, t store.EmailToken, m store.Mail, audit *store.AuditEntry) error
}

// sessionStore is sessions and attempt limits.
type sessionStore interface {
	DeleteSessionsOf(ctx context.Context, role navigator.Role, subjectID int64, keep string) error
	TakeAttempt(ctx context.Context, key string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error)
}

// municipalityStore is the region, its municipalities, directions and periods.
type municipalityStore interface {
	Region(ctx context.Context) (*navigator.Region, error)
	Municipalities(ctx context.Context) ([]navigator.Municipality, error)
	MunicipalityByID(ctx context.Context, id int64) (*navigator.Municipality, error)
	MunicipalityExists(ctx context.Context, id int64) error
	AddMunicipality(ctx context.Context, m *navigator.Municipality, audit *store.AuditEntry) error
	UpdateMunicipality(ctx context.Context, m *navigator.Municipality, audit *store.AuditEntry) error
	MunicipalitySettings(ctx context.Context, municipalityID int64) (*store.MunicipalitySettings, error)
	SaveMunicipalitySettings(ctx context.Context, in store.MunicipalitySettings, audit *store.AuditEntry) (*store.MunicipalitySettings, error)
	SocialOrder(ctx context.Context, municipalityID int64, year int) (*navigator.SocialOrder, error)
	PutSocialOrder(ctx context.Context, o navigator.SocialOrder, audit *store.AuditEntry) (*navigator.SocialOrder, error)
	Directions(ctx context.Context) ([]navigator.Direction, error)
	DirectionsWithHistory(ctx context.Context) ([]store.DirectionNames, error)
	RenameDirection(ctx context.Context, code, name string, audit *store.AuditEntry) error
	Periods(ctx context.Context) ([]store.PeriodRow, error)
	SavePeriod(ctx context.Context, p *store.PeriodRow, audit *store.AuditEntry) error
	Setting(ctx context.Context, key, def string) (string, error)
	SetSetting(ctx context.Context, key, value string, audit *store.AuditEntry) error
}

// organizationStore is the organizations.
type organizationStore interface {
	Organization(ctx context.Context, id int64) (*navigator.Organization, error)
	Organizations(ctx context.Context, municipalityID int64) ([]navigator.Organization, error)
	OrganizationWithPersons(ctx context.Context, id int64) (*navigator.Organization, error)
	SaveOrganization(ctx context.Context, o *navigator.Organization, audit *store.AuditEntry) error
	CertificateOffices(ctx context.Context, f navigator.OfficeFilter) ([]navigator.Organization, error)
	GroupOfOrganization(ctx context.Context, groupID, organizationID int64) (string, error)
	ProgramOfOrganization(ctx context.Context, programID, organizationID int64) error
}

// programStore is the programs: the catalog, a provider's programs and groups, certification.
type programStore interface {
	ListPrograms(ctx context.Context, f navigator.ProgramFilter) (*navigator.ProgramPage, error)
	Program(ctx context.Context, id int64) (*navigator.Program, error)
	ProviderPrograms(ctx context.Context, organizationID int64) ([]navigator.Program, error)
	ProviderProgram(ctx context.Context, id, organizationID int64) (*navigator.Program, error)
	CreateProgram(ctx context.Context, organizationID int64, in navigator.ProgramInput, audit *store.AuditEntry) (int64, error)
	UpdateProgram(ctx context.Context, id, organizationID int64, in navigator.ProgramInput, audit *store.AuditEntry) error
	CreateGroup(ctx context.Context, programID, organizationID int64, in navigator.GroupInput, audit *store.AuditEntry) (int64, error)
	UpdateGroup(ctx context.Context, groupID, organizationID int64, in navigator.GroupInput, audit *store.AuditEntry) error
	SendForCertification(ctx context.Context, programID, organizationID int64, audit *store.AuditEntry) error
	CertificationQueue(ctx context.Context, state string) ([]store.CertificationRow, error)
	DecideCertification(ctx context.Context, programID int64, accept bool, reason string, audit *store.AuditEntry) error
}

// executorStore is the registry of executors by social certificate.
type executorStore interface {
	Executor(ctx context.Context, id int64) (*store.Executor, error)
	ExecutorOf(ctx context.Context, organizationID int64) (*store.Executor, error)
	Executors(ctx context.Context, f store.ExecutorFilter) ([]store.Executor, error)
	PublicExecutors(ctx context.Context, municipalityID int64, status navigator.ExecutorStatus) ([]store.PublicExecutor, error)
	ApplyExecutor(ctx context.Context, organizationID, staffID int64, c navigator.Checklist, docs []store.NewExecutorDocument, audit *store.AuditEntry) (*store.Executor, error)
	AttachExecutorDocument(ctx context.Context, executorID, organizationID int64, d store.NewExecutorDocument, audit *store.AuditEntry) (*store.ExecutorDocument, error)
	DeleteExecutorDocument(ctx context.Context, executorID, documentID, organizationID int64, audit *store.AuditEntry) error
	ExecutorDocumentFile(ctx context.Context, executorID, documentID int64) (*store.ExecutorDocument, error)
	DecideExecutor(ctx context.Context, executorID, staffID int64, d navigator.ExecutorDecision, reason string, audit *store.AuditEntry) (*store.Executor, error)
}

// attendanceStore is the groups' attendance journals.
type attendanceStore interface {
	GroupPlace(ctx context.Context, groupID int64) (*store.GroupPlace, error)
	AttendanceMonth(ctx context.Context, groupID int64, month string) (*store.MonthJournal, error)
	PutAttendance(ctx context.Context, in store.DayMarks, audit *store.AuditEntry) (*store.JournalDay, error)
}

// executorReportStore is the executors' monthly reports and the agreements they pay.
type executorReportStore interface {
	CreateExecutorReport(ctx context.Context, n store.NewReport, audit *store.AuditEntry) (*store.ExecutorReport, error)
	SubmitExecutorReport(ctx context.Context, id, organizationID int64, rule navigator.HoursRule, audit *store.AuditEntry) (*store.ExecutorReport, error)
	AcceptExecutorReport(ctx context.Context, id, municipalityID, staffID int64, audit *store.AuditEntry) (*store.ExecutorReport, error)
	ReturnExecutorReport(ctx context.Context, id, municipalityID, staffID int64, remarks string, audit *store.AuditEntry) (*store.ExecutorReport, error)
	ExecutorReport(ctx context.Context, id int64) (*store.ExecutorReport, error)
	ExecutorReports(ctx context.Context, f store.ReportFilter) ([]store.ExecutorReport, error)
	Agreements(ctx context.Context, f store.AgreementFilter) ([]store.Agreement, error)
	Agreement(ctx context.Context, contractID int64) (*store.Agreement, error)
}

// auditStore is the audit journal.
type auditStore interface {
	Audit(ctx context.Context, e store.AuditEntry) error
	ActivityOf(ctx context.Context, siteUserID int64, limit int) ([]store.AuditEntry, error)
	SearchAudit(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, int, error)
	AuditActorNames(ctx context.Context, entries []store.AuditEntry) (map[string]string, error)
}

// mailStore is the outbox and e-mail tokens.
type mailStore interface {
	QueueMail(ctx context.Context, m store.Mail) error
	QueueEmailToken(ctx context.Context, t store.EmailToken, m store.Mail, audit *store.AuditEntry) error
	TokenUsable(ctx context.Context, id, purpose string) error
	Outbox(ctx context.Context, limit int) ([]store.Mail, error)
}

// reportJobStore is the queue of report jobs and their files.
type reportJobStore interface {
	EnqueueReport(ctx context.Context, staffID int64, name, format, title, payload string) (int64, error)
	ClaimReportJob(ctx context.Context, worker string, lease time.Duration) (*store.ReportJob, error)
	SetJobProgress(ctx context.Context, id int64, progress int) error
	FinishReportJob(ctx context.Context, id int64, result, filename, contentType string, body []byte, rows int) error
	FailJob(ctx context.Context, id int64, reason string, retryIn time.Duration) error
	ReportJob(ctx context.Context, id int64) (*store.ReportJob, error)
	ReportJobsOf(ctx context.Context, staffID int64, limit int) ([]*store.ReportJob, error)
	ReportFile(ctx context.Context, id int64) (filename, contentType string, body []byte, err error)
}

// healthStore is the database's clock, health and figures.
type healthStore interface {
	Now() time.Time
	Ping(ctx context.Context) error
	SchemaStatus(ctx context.Context) (current, target int64, err error)
	ProbeWrite(ctx context.Context, now time.Time) error
	Figures(ctx context.Context) (*store.Figures, error)
}
