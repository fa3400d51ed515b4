package service

import "navigator/internal/store"

// The rows the service hands to its callers. They are the store's, named
// here so that a caller (the server, the commands) speaks only to the
// service: one vocabulary, and no way around the scope checks and the
// audit that the service's methods do.
type (
	ApplicationRow       = store.ApplicationRow
	ProviderApplication  = store.ProviderApplication
	InboxRow             = store.InboxRow
	InboxFilter          = store.InboxFilter
	AuditEntry           = store.AuditEntry
	AuditFilter          = store.AuditFilter
	PeriodRow            = store.PeriodRow
	MunicipalitySettings = store.MunicipalitySettings
	Achievement          = store.Achievement
	SiteUserRow          = store.SiteUserRow
	StaffRow             = store.StaffRow
	StaffFilter          = store.StaffFilter
	ReportJob            = store.ReportJob
	DirectionNames       = store.DirectionNames
	ContractDocument     = store.ContractDocument
	CertificationRow     = store.CertificationRow
	Mail                 = store.Mail
	Figures              = store.Figures
	Executor             = store.Executor
	ExecutorDocument     = store.ExecutorDocument
	NewExecutorDocument  = store.NewExecutorDocument
	PublicExecutor       = store.PublicExecutor
	ExecutorFilter       = store.ExecutorFilter
	MonthJournal         = store.MonthJournal
	JournalDay           = store.JournalDay
	ExecutorReport       = store.ExecutorReport
	Agreement            = store.Agreement
)

// SessionRefLen is the length of the short reference to a session that
// the staff's «Сеансы» list shows and ends sessions by.
const SessionRefLen = store.SessionRefLen
