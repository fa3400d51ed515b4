package server

import (
	"io/fs"
	"net/http"
)

// routes registers every route of the site and the API.
func (s *Server) routes() {
	m := s.mux

	// Operations.
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /readyz", s.readyz)
	m.HandleFunc("GET /metrics", s.metrics)

	// API: public.
	m.HandleFunc("GET /api/v1/municipalities", s.apiMunicipalities)
	m.HandleFunc("GET /api/v1/directions", s.apiDirections)
	m.HandleFunc("GET /api/v1/programs", s.apiPrograms)
	m.HandleFunc("GET /api/v1/programs/{id}", s.apiProgram)
	m.HandleFunc("GET /api/v1/certificate-offices", s.apiCertificateOffices)

	// API: accounts.
	m.HandleFunc("POST /api/v1/auth/register", s.apiRegister)
	m.HandleFunc("POST /api/v1/auth/login", s.apiLogin)
	m.HandleFunc("POST /api/v1/auth/logout", s.apiLogout)
	m.HandleFunc("GET /api/v1/me", s.apiMe)

	// API: the parent's cabinet.
	m.HandleFunc("GET /api/v1/me/children", s.apiMyChildren)
	m.HandleFunc("POST /api/v1/me/children", s.apiAddMyChild)
	m.HandleFunc("GET /api/v1/me/children/{id}", s.apiMyChild)
	m.HandleFunc("POST /api/v1/me/children/{id}/certificate-request", s.apiRequestCertificate)
	m.HandleFunc("GET /api/v1/me/children/{id}/certificate/pdf", s.apiMyCertificatePDF)

	m.HandleFunc("GET /api/v1/me/achievements", s.apiMyAchievements)
	m.HandleFunc("POST /api/v1/me/children/{id}/achievements", s.apiAddAchievement)
	m.HandleFunc("GET /api/v1/me/applications", s.apiMyApplications)
	m.HandleFunc("POST /api/v1/applications", s.apiApply)
	m.HandleFunc("POST /api/v1/applications/{id}/cancel", s.apiCancelApplication)
	m.HandleFunc("GET /api/v1/me/deferred", s.apiDeferredList)
	m.HandleFunc("GET /api/v1/me/deferred/{program_id}", s.apiDeferredGet)
	m.HandleFunc("PUT /api/v1/me/deferred/{program_id}", s.apiDeferredPut)
	m.HandleFunc("DELETE /api/v1/me/deferred/{program_id}", s.apiDeferredDelete)

	// API: the management system.
	m.HandleFunc("GET /api/v1/admin/site-users", s.apiAdminSearchSiteUsers)
	m.HandleFunc("POST /api/v1/admin/site-users", s.apiAdminCreateSiteUser)
	m.HandleFunc("GET /api/v1/admin/site-users/{id}", s.apiAdminSiteUser)
	m.HandleFunc("PATCH /api/v1/admin/site-users/{id}", s.apiAdminPatchSiteUser)
	m.HandleFunc("GET /api/v1/admin/site-users/{id}/children", s.apiAdminChildrenOf)
	m.HandleFunc("POST /api/v1/admin/site-users/{id}/children", s.apiAdminAddChild)
	m.HandleFunc("GET /api/v1/admin/children/{id}", s.apiAdminChild)
	m.HandleFunc("PATCH /api/v1/admin/children/{id}", s.apiAdminPatchChild)
	m.HandleFunc("POST /api/v1/admin/children/{id}/confirm", s.apiAdminConfirm)
	m.HandleFunc("POST /api/v1/admin/children/{id}/certificate", s.apiAdminIssue)
	m.HandleFunc("POST /api/v1/admin/children/{id}/achievements", s.apiAddAchievement)
	m.HandleFunc("GET /api/v1/admin/certificates/{number}", s.apiAdminCertificate)
	m.HandleFunc("PATCH /api/v1/admin/certificates/{number}", s.apiAdminPatchCertificate)
	m.HandleFunc("GET /api/v1/admin/certificates/{number}/pdf", s.apiAdminCertificatePDF)
	m.HandleFunc("POST /api/v1/admin/contingent/lookup", s.apiContingentLookup)
	m.HandleFunc("GET /api/v1/admin/audit", s.apiAudit)
	m.HandleFunc("GET /api/v1/admin/programs", s.apiProviderPrograms)
	m.HandleFunc("POST /api/v1/admin/programs", s.apiProviderCreateProgram)
	m.HandleFunc("GET /api/v1/admin/programs/{id}", s.apiProviderProgram)
	m.HandleFunc("PATCH /api/v1/admin/programs/{id}", s.apiProviderPatchProgram)
	m.HandleFunc("POST /api/v1/admin/programs/{id}/groups", s.apiProviderCreateGroup)
	m.HandleFunc("POST /api/v1/admin/programs/{id}/certification", s.apiSendForCertification)
	m.HandleFunc("POST /api/v1/admin/programs/{id}/certification/decision", s.apiDecideCertification)
	m.HandleFunc("GET /api/v1/admin/certification", s.apiCertificationQueue)
	m.HandleFunc("PATCH /api/v1/admin/groups/{id}", s.apiProviderPatchGroup)
	m.HandleFunc("GET /api/v1/admin/groups/{id}/roster", s.apiRoster)
	m.HandleFunc("GET /api/v1/admin/applications", s.apiProviderApplications)
	m.HandleFunc("POST /api/v1/admin/applications/{id}/accept", s.apiProviderAccept)
	m.HandleFunc("POST /api/v1/admin/applications/{id}/reject", s.apiProviderReject)
	m.HandleFunc("POST /api/v1/admin/applications/{id}/enroll", s.apiProviderEnroll)
	m.HandleFunc("POST /api/v1/admin/applications/{id}/end", s.apiProviderEndContract)

	// API: reports.
	m.HandleFunc("GET /api/v1/admin/reports/{name}", s.apiReport)
	m.HandleFunc("POST /api/v1/admin/reports/{name}/jobs", s.apiReportJobCreate)
	m.HandleFunc("GET /api/v1/admin/report-jobs/{id}", s.apiReportJob)
	m.HandleFunc("GET /api/v1/admin/report-jobs/{id}/file", s.apiReportJobFile)
	m.HandleFunc("GET /api/v1/admin/report-settings", s.apiReportSettings)
	m.HandleFunc("PATCH /api/v1/admin/report-settings", s.apiPatchReportSettings)

	// Unknown API paths and methods answer in problem+json.
	m.HandleFunc("/api/", s.apiFallback)

	// Pages.
	m.HandleFunc("GET /{$}", s.pageHome)
	m.HandleFunc("GET /programs", s.pagePrograms)
	m.HandleFunc("GET /programs/{id}", s.pageProgram)
	m.HandleFunc("POST /programs/{id}/apply", s.pageProgramApply)
	m.HandleFunc("GET /offices", s.pageOffices)
	m.HandleFunc("GET /register", s.pageRegister)
	m.HandleFunc("POST /register", s.pageRegisterSubmit)
	m.HandleFunc("GET /verify-email", s.pageVerifyEmail)
	m.HandleFunc("GET /forgot-password", s.pageForgot)
	m.HandleFunc("POST /forgot-password", s.pageForgotSubmit)
	m.HandleFunc("GET /reset-password", s.pageReset)
	m.HandleFunc("POST /reset-password", s.pageResetSubmit)
	m.HandleFunc("GET /privacy", s.pagePrivacy)
	m.HandleFunc("GET /terms", s.pageTerms)
	m.HandleFunc("GET /demo/mail", s.pageDemoMail)
	m.HandleFunc("GET /login", s.pageLogin)
	m.HandleFunc("POST /login", s.pageLoginSubmit)
	m.HandleFunc("POST /logout", s.pageLogout)

	// The management system.
	m.HandleFunc("GET /admin", s.staffOnly(s.pageAdmin))
	m.HandleFunc("GET /admin/site-users", s.staffOnly(s.pageAdminUsers))
	m.HandleFunc("GET /admin/site-users/new", s.staffOnly(s.pageAdminNewUser))
	m.HandleFunc("POST /admin/site-users", s.staffOnly(s.pageAdminCreateUser))
	m.HandleFunc("GET /admin/site-users/{id}", s.staffOnly(s.pageAdminUser))
	m.HandleFunc("POST /admin/site-users/{id}", s.staffOnly(s.pageAdminSaveUser))
	m.HandleFunc("POST /admin/site-users/{id}/verify-email", s.staffOnly(s.pageAdminSendVerification))
	m.HandleFunc("POST /admin/site-users/{id}/children", s.staffOnly(s.pageAdminAddChild))
	m.HandleFunc("GET /admin/children/{id}", s.staffOnly(s.pageAdminChild))
	m.HandleFunc("POST /admin/children/{id}", s.staffOnly(s.pageAdminSaveChild))
	m.HandleFunc("POST /admin/children/{id}/snils", s.staffOnly(s.pageAdminSaveSNILS))
	m.HandleFunc("POST /admin/children/{id}/confirm", s.staffOnly(s.pageAdminConfirm))
	m.HandleFunc("POST /admin/children/{id}/certificate", s.staffOnly(s.pageAdminIssue))
	m.HandleFunc("POST /admin/children/{id}/certificate/change", s.staffOnly(s.pageAdminChangeCertificate))
	m.HandleFunc("POST /admin/children/{id}/lookup", s.staffOnly(s.pageAdminLookup))
	m.HandleFunc("POST /admin/children/{id}/accept-registry", s.staffOnly(s.pageAdminAcceptRegistry))
	m.HandleFunc("POST /admin/children/{id}/generate", s.staffOnly(s.pageAdminGenerate))
	m.HandleFunc("GET /admin/children/{id}/application.pdf", s.staffOnly(s.pageAdminApplicationPDF))
	m.HandleFunc("GET /admin/children/{id}/consent.pdf", s.staffOnly(s.pageAdminConsentPDF))
	m.HandleFunc("GET /admin/programs", s.staffOnly(s.pageProviderPrograms))
	m.HandleFunc("POST /admin/programs", s.staffOnly(s.pageProviderCreateProgram))
	m.HandleFunc("GET /admin/programs/{id}", s.staffOnly(s.pageProviderProgram))
	m.HandleFunc("POST /admin/programs/{id}/status", s.staffOnly(s.pageProviderProgramStatus))
	m.HandleFunc("POST /admin/programs/{id}/groups", s.staffOnly(s.pageProviderAddGroup))
	m.HandleFunc("POST /admin/programs/{id}/certification", s.staffOnly(s.pageProviderCertification))
	m.HandleFunc("POST /admin/applications/{id}", s.staffOnly(s.pageProviderDecide))
	m.HandleFunc("GET /admin/quick-issue", s.staffOnly(s.pageAdminQuick))
	m.HandleFunc("POST /admin/quick-issue", s.staffOnly(s.pageAdminQuickSubmit))

	// The management system: reports.
	m.HandleFunc("GET /admin/reports", s.staffOnly(s.pageReports))
	m.HandleFunc("POST /admin/reports/settings", s.staffOnly(s.pageReportShare))
	m.HandleFunc("GET /admin/reports/{name}", s.staffOnly(s.pageReport))
	m.HandleFunc("POST /admin/reports/{name}/jobs", s.staffOnly(s.pageReportJobCreate))
	m.HandleFunc("GET /admin/report-jobs/{id}", s.staffOnly(s.pageReportJob))
	m.HandleFunc("GET /admin/report-jobs/{id}/file", s.staffOnly(s.pageReportJobFile))

	// The parent's cabinet.
	m.HandleFunc("GET /cabinet", s.pageCabinetChildren)
	m.HandleFunc("GET /cabinet/profile", s.pageCabinetProfile)
	m.HandleFunc("POST /cabinet/profile", s.pageCabinetProfileSave)
	m.HandleFunc("POST /cabinet/profile/verify-email", s.pageCabinetResend)
	m.HandleFunc("GET /cabinet/achievements", s.pageCabinetAchievements)
	m.HandleFunc("POST /cabinet/achievements", s.pageCabinetAddAchievement)
	m.HandleFunc("GET /cabinet/applications", s.pageCabinetApplications)
	m.HandleFunc("POST /cabinet/applications/{id}/cancel", s.pageCabinetCancel)
	m.HandleFunc("GET /cabinet/views", s.pageCabinetViews)
	m.HandleFunc("GET /cabinet/deferred", s.pageCabinetDeferred)
	m.HandleFunc("POST /cabinet/deferred/{program_id}", s.pageCabinetDeferredMove)
	m.HandleFunc("GET /cabinet/password", s.pageCabinetPassword)
	m.HandleFunc("POST /cabinet/password", s.pageCabinetPasswordSave)
	m.HandleFunc("POST /cabinet/sessions/end-others", s.pageCabinetSignOutOthers)
	m.HandleFunc("GET /cabinet/children", s.pageCabinetChildren)
	m.HandleFunc("POST /cabinet/children", s.pageCabinetAddChild)
	m.HandleFunc("GET /cabinet/children/{id}", s.pageCabinetChild)
	m.HandleFunc("POST /cabinet/children/{id}", s.pageCabinetEditChild)
	m.HandleFunc("POST /cabinet/children/{id}/certificate-request", s.pageCabinetRequestCertificate)
	m.HandleFunc("GET /cabinet/children/{id}/certificate.pdf", s.pageCabinetCertificatePDF)

	static, _ := fs.Sub(staticFiles, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
}
