package service

import (
	"context"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/report"
)

// AdvanceShareKey is the region setting of the advance share, in percent.
const AdvanceShareKey = "advance_share_percent"

// defaultAdvanceShare is the advance share before the region sets one.
const defaultAdvanceShare = 80

// providerReports are what a provider may see of its own organization.
var providerReports = map[report.Name]bool{report.Fill: true, report.Applications: true, report.Statement: true, report.SocialExecutors: true}

// ScopeReport checks that the actor may read the report and narrows the
// filter to the actor's scope: the regional admin sees the region, a
// municipal admin its municipality (another one answers not found), an
// operator the certificates its office issued, a provider its own fill
// rates, applications and statement.
func (s *Service) ScopeReport(ctx context.Context, a navigator.Actor, name report.Name, f report.Filter) (report.Filter, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return f, err
	}
	if !name.Valid() {
		return f, navigator.NotFound("Такого отчёта нет.")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, navigator.Invalid(navigator.FieldError{Field: "to", Code: "range", Message: "Дата «по» раньше даты «с»."})
	}
	if f.MunicipalityID != 0 && !a.SeesMunicipality(f.MunicipalityID) && a.Role != navigator.RoleProvider {
		return f, notFound()
	}
	switch a.Role {
	case navigator.RoleMunicipalAdmin:
		f.MunicipalityID = a.MunicipalityID
	case navigator.RoleOperator:
		if name != report.Certificates {
			return f, forbidden("Оператору доступен отчёт о сертификатах, выданных его организацией.")
		}
		if f.OfficeID != 0 && f.OfficeID != a.OrganizationID {
			return f, notFound()
		}
		f.OfficeID = a.OrganizationID
	case navigator.RoleProvider:
		if !providerReports[name] {
			return f, forbidden("Организатору доступны наполняемость групп, заявки и ведомость своей организации.")
		}
		if (f.ProviderID != 0 && f.ProviderID != a.OrganizationID) || (f.MunicipalityID != 0 && f.MunicipalityID != a.MunicipalityID) {
			return f, notFound()
		}
		f.ProviderID = a.OrganizationID
	}
	if f.MunicipalityID != 0 {
		if _, err := s.db.MunicipalityByID(ctx, f.MunicipalityID); err != nil {
			return f, err
		}
	}
	if name == report.Statement {
		return s.scopeStatement(ctx, a, f)
	}
	return f, nil
}

// scopeStatement picks the provider and the month of a statement and
// fixes the advance share in force now.
func (s *Service) scopeStatement(ctx context.Context, a navigator.Actor, f report.Filter) (report.Filter, error) {
	if f.ProviderID == 0 {
		return f, navigator.Invalid(navigator.FieldError{Field: "provider_id", Code: "required", Message: "Выберите организатора для ведомости."})
	}
	o, err := s.db.Organization(ctx, f.ProviderID)
	if err != nil || !o.IsProvider || (a.Role == navigator.RoleMunicipalAdmin && o.MunicipalityID != a.MunicipalityID) {
		return f, navigator.NotFound("Организатор не найден.")
	}
	if f.Month == "" {
		f.Month = s.now().In(navigator.Zone).Format("2006-01")
	}
	if _, err := time.Parse("2006-01", f.Month); err != nil {
		return f, navigator.Invalid(navigator.FieldError{Field: "month", Code: "format", Message: "Месяц — в виде ГГГГ-ММ, например 2026-10."})
	}
	if f.AdvancePercent, err = s.AdvanceShare(ctx); err != nil {
		return f, err
	}
	return f, nil
}

// Report reads a report for the actor.
func (s *Service) Report(ctx context.Context, a navigator.Actor, name report.Name, f report.Filter) (*report.Result, error) {
	f, err := s.ScopeReport(ctx, a, name, f)
	if err != nil {
		return nil, err
	}
	return s.runReport(ctx, name, f)
}

// runReport reads a report with a filter already narrowed to a scope.
func (s *Service) runReport(ctx context.Context, name report.Name, f report.Filter) (*report.Result, error) {
	switch name {
	case report.Certificates:
		rows, err := s.reports.Certificates(ctx, f)
		return wrap(report.CertificatesResult, rows, err)
	case report.Coverage:
		rows, err := s.reports.Coverage(ctx, f)
		return wrap(report.CoverageResult, rows, err)
	case report.Applications:
		rows, err := s.reports.Applications(ctx, f)
		return wrap(report.ApplicationsResult, rows, err)
	case report.Fill:
		rows, err := s.reports.Fill(ctx, f)
		return wrap(report.FillResult, rows, err)
	case report.MoneyMunicipalities:
		rows, err := s.reports.MoneyMunicipalities(ctx, f)
		return wrap(report.MoneyMunicipalitiesResult, rows, err)
	case report.MoneyProviders:
		rows, err := s.reports.MoneyProviders(ctx, f)
		return wrap(report.MoneyProvidersResult, rows, err)
	case report.SocialOrder:
		rows, err := s.reports.SocialOrder(ctx, f, reportYear(f, s.today()))
		return wrap(func(rows []report.SocialOrderRow) *report.Result {
			return report.SocialOrderResult(reportYear(f, s.today()), rows)
		}, rows, err)
	case report.SocialExecutors:
		rows, err := s.reports.SocialExecutors(ctx, f, reportYear(f, s.today()))
		return wrap(func(rows []report.SocialExecutorRow) *report.Result {
			return report.SocialExecutorsResult(reportYear(f, s.today()), rows)
		}, rows, err)
	case report.Statement:
		o, err := s.db.Organization(ctx, f.ProviderID)
		if err != nil {
			return nil, err
		}
		rows, err := s.reports.Statement(ctx, f.ProviderID, f.Month, f.AdvancePercent)
		if err != nil {
			return nil, err
		}
		return report.StatementResult(o.Name, f.Month, f.AdvancePercent, rows), nil
	}
	return nil, navigator.NotFound("Такого отчёта нет.")
}

// reportYear is the calendar year a report of the social order is about:
// the year of its «from» date, else this year.
func reportYear(f report.Filter, today navigator.Date) int {
	if !f.From.IsZero() {
		return f.From.Time().Year()
	}
	return today.Time().Year()
}

func wrap[T any](tab func([]T) *report.Result, rows []T, err error) (*report.Result, error) {
	if err != nil {
		return nil, err
	}
	return tab(rows), nil
}

// errEmptyReport answers an export of a report without rows: a file with
// a header only would look like a failure.
func errEmptyReport() error {
	return navigator.NotFound("В отчёте нет данных для выбранных условий: файл не сформирован. Измените период или муниципалитет.").WithCode("empty_report")
}

// ReportFile reads a report for the actor and writes it as a file; an
// empty report is not found, with a message saying so.
func (s *Service) ReportFile(ctx context.Context, a navigator.Actor, name report.Name, f report.Filter, format string) (filename, contentType string, body []byte, err error) {
	if !report.ValidFormat(format) {
		return "", "", nil, navigator.Invalid(navigator.FieldError{Field: "format", Code: "unknown", Message: "Формат файла — csv или xlsx."})
	}
	res, err := s.Report(ctx, a, name, f)
	if err != nil {
		return "", "", nil, err
	}
	if res.Empty() {
		return "", "", nil, errEmptyReport()
	}
	return report.File(res, format, s.today())
}

// AdvanceShare returns the share of a month's certificate money paid to
// providers in advance, in percent.
func (s *Service) AdvanceShare(ctx context.Context) (int, error) {
	v, err := s.db.Setting(ctx, AdvanceShareKey, strconv.Itoa(defaultAdvanceShare))
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 100 {
		return defaultAdvanceShare, nil
	}
	return n, nil
}

// SetAdvanceShare is the regional admin's setting of the advance share.
func (s *Service) SetAdvanceShare(ctx context.Context, a navigator.Actor, percent *int) error {
	if err := require(a, navigator.PermRunRegion); err != nil {
		return err
	}
	if percent == nil {
		return navigator.Invalid(navigator.FieldError{Field: "advance_share_percent", Code: "required", Message: "Укажите долю аванса в процентах."})
	}
	if *percent < 0 || *percent > 100 {
		return navigator.Invalid(navigator.FieldError{Field: "advance_share_percent", Code: "range", Message: "Доля аванса — целое число процентов от 0 до 100."})
	}
	return s.db.SetSetting(ctx, AdvanceShareKey, strconv.Itoa(*percent), entry(a, "settings.advance_share"))
}

// ReportSettings returns the advance share to staff.
func (s *Service) ReportSettings(ctx context.Context, a navigator.Actor) (int, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return 0, err
	}
	return s.AdvanceShare(ctx)
}

// ReportChoices are what the actor may pick in a report's filter.
type ReportChoices struct {
	Reports        []report.Name
	Municipalities []navigator.Municipality // empty: the actor's scope fixes it
	Providers      []navigator.Organization // for the statement; empty for a provider
}

// ReportChoices lists the reports, municipalities and providers the
// actor may choose from.
func (s *Service) ReportChoices(ctx context.Context, a navigator.Actor) (*ReportChoices, error) {
	if err := require(a, navigator.PermReadReports); err != nil {
		return nil, err
	}
	c := &ReportChoices{}
	for _, n := range report.Names {
		switch a.Role {
		case navigator.RoleOperator:
			if n != report.Certificates {
				continue
			}
		case navigator.RoleProvider:
			if !providerReports[n] {
				continue
			}
		}
		c.Reports = append(c.Reports, n)
	}
	var err error
	switch a.Role {
	case navigator.RoleRegionalAdmin:
		if c.Municipalities, err = s.db.Municipalities(ctx); err != nil {
			return nil, err
		}
		c.Providers, err = s.reports.Providers(ctx, 0)
	case navigator.RoleMunicipalAdmin:
		c.Providers, err = s.reports.Providers(ctx, a.MunicipalityID)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}
