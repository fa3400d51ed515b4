package report

import (
	"navigator"
	"navigator/internal/export"
)

// Result is a report's rows for the API (Items, with machine field names)
// and the same rows as a table with Russian headers for CSV and XLSX.
type Result struct {
	Name  Name
	Title string // the report's title with its filter, for the sheet and the page
	Items any
	Total int // rows in Items
	Table export.Table
}

// Empty reports whether the report has no rows.
func (r *Result) Empty() bool { return r.Total == 0 }

func result[T any](n Name, title string, rows []T, header []string, row func(T) []string) *Result {
	if rows == nil {
		rows = []T{}
	}
	t := export.Table{Title: n.Title(), Header: header, Rows: make([][]string, 0, len(rows))}
	for _, r := range rows {
		t.Rows = append(t.Rows, row(r))
	}
	if title == "" {
		title = n.Title()
	}
	return &Result{Name: n, Title: title, Items: rows, Total: len(rows), Table: t}
}

// CertificatesResult tabulates issued certificates.
func CertificatesResult(rows []CertificateRow) *Result {
	return result(Certificates, "", rows, []string{"Дата", "Муниципалитет", "Уполномоченная организация", "Тип сертификата", "Выдано"},
		func(r CertificateRow) []string {
			office := r.Office
			if r.OfficeID == 0 {
				office = "Заявка на портале"
			}
			return []string{r.Day.Russian(), r.Municipality, office, navigator.CertificateType(r.Type).Title(), itoa(r.Count)}
		})
}

// CoverageResult tabulates coverage.
func CoverageResult(rows []CoverageRow) *Result {
	return result(Coverage, "", rows, []string{"Муниципалитет", "Детей в муниципалитете", "Детей с сертификатом",
		"Сертификатов финансирования", "Сертификатов учёта", "Не подтверждённых", "Охват, %"},
		func(r CoverageRow) []string {
			return []string{r.Municipality, itoa(r.ChildrenTotal), itoa(r.WithCertificate), itoa(r.Financing), itoa(r.Accounting),
				itoa(r.Unconfirmed), pct(r.CoveragePercent)}
		})
}

// ApplicationsResult tabulates applications by direction and status.
func ApplicationsResult(rows []ApplicationRow) *Result {
	return result(Applications, "", rows, []string{"Направленность", "Статус заявки", "Заявок"},
		func(r ApplicationRow) []string {
			return []string{DirectionName(r.Direction), navigator.ApplicationStatus(r.Status).Title(), itoa(r.Count)}
		})
}

// FillResult tabulates groups' fill rates.
func FillResult(rows []FillRow) *Result {
	return result(Fill, "", rows, []string{"Муниципалитет", "Организатор", "Программа", "Группа", "Мест", "Занято мест",
		"Зачислено", "Наполняемость, %"},
		func(r FillRow) []string {
			return []string{r.Municipality, r.Organization, r.Program, r.Group, itoa(r.Capacity), itoa(r.SeatsTaken), itoa(r.Enrolled),
				pct(r.FillPercent)}
		})
}

// MoneyMunicipalitiesResult tabulates money per municipality.
func MoneyMunicipalitiesResult(rows []MoneyRow) *Result {
	return result(MoneyMunicipalities, "", rows, []string{"Муниципалитет", "Сертификатов финансирования", "Договоров",
		"Номиналы, ₽", "В резерве, ₽", "Списано, ₽", "Остаток, ₽"},
		func(r MoneyRow) []string {
			return []string{r.Name, itoa(r.Certificates), itoa(r.Contracts), money(r.Nominal), money(r.Reserved), money(r.Charged), money(r.Balance)}
		})
}

// MoneyProvidersResult tabulates money per provider.
func MoneyProvidersResult(rows []MoneyRow) *Result {
	return result(MoneyProviders, "", rows, []string{"Организатор", "Муниципалитет", "Договоров", "В резерве, ₽", "Списано, ₽"},
		func(r MoneyRow) []string {
			return []string{r.Name, r.Municipality, itoa(r.Contracts), money(r.Reserved), money(r.Charged)}
		})
}

// StatementResult tabulates a provider's statement for a month with a
// closing «Итого» row.
func StatementResult(provider, month string, share int, rows []StatementRow) *Result {
	res := result(Statement, "Ведомость: "+provider+", "+MonthTitle(month), rows, []string{"Договор", "Номер сертификата", "Программа",
		"Группа", "Начало договора", "Окончание договора", "К оплате за месяц, ₽", "Списано с сертификата, ₽",
		"Аванс (" + itoa(int64(share)) + " %), ₽", "Окончательный расчёт, ₽"},
		func(r StatementRow) []string {
			return []string{r.Contract, r.CertificateNumber, r.Program, r.Group, r.StartsOn.Russian(), r.EndsOn.Russian(), money(r.Amount),
				money(r.Charged), money(r.Advance), money(r.Remainder)}
		})
	if len(rows) > 0 {
		var sum StatementRow
		for _, r := range rows {
			sum.Amount += r.Amount
			sum.Charged += r.Charged
			sum.Advance += r.Advance
			sum.Remainder += r.Remainder
		}
		res.Table.Rows = append(res.Table.Rows, []string{"Итого", "", "", "", "", "", money(sum.Amount), money(sum.Charged), money(sum.Advance), money(sum.Remainder)})
	}
	return res
}

// DirectionName is the Russian name of a direction's code.
func DirectionName(code string) string {
	for _, d := range navigator.Directions {
		if d.Code == code {
			return d.Name
		}
	}
	return code
}

var monthNames = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}

// MonthTitle writes "2026-10" as «октябрь 2026».
func MonthTitle(month string) string {
	if len(month) != 7 || month[4] != '-' {
		return month
	}
	m := int(month[5]-'0')*10 + int(month[6]-'0')
	if m < 1 || m > 12 {
		return month
	}
	return monthNames[m-1] + " " + month[:4]
}

// SocialOrderResult tabulates the execution of the social order.
func SocialOrderResult(year int, rows []SocialOrderRow) *Result {
	return result(SocialOrder, SocialOrder.Title()+" за "+itoa(int64(year))+" год", rows, []string{"Муниципалитет", "Направленность", "Способ отбора исполнителей",
		"Заказано, человеко-часов", "Заказано, детей", "Занято договорами и заявками, ч", "Занято, детей", "Оказано, ч", "Исполнение, %"},
		func(r SocialOrderRow) []string {
			return []string{r.Municipality, navigator.DirectionName(r.Direction), navigator.OrderMethod(r.Method).Title(), hours(r.Hours), itoa(r.Children),
				hours(r.HoursContracted), itoa(r.ChildrenContracted), hours(r.HoursGiven), pct(r.ExecutionPercent)}
		})
}

// SocialExecutorsResult tabulates the social certificate per executor.
func SocialExecutorsResult(year int, rows []SocialExecutorRow) *Result {
	return result(SocialExecutors, SocialExecutors.Title()+" за "+itoa(int64(year))+" год", rows, []string{"Исполнитель", "Муниципалитет", "Соглашений",
		"Детей", "Часов по соглашениям", "Оказано, ч", "Оказано, ₽"},
		func(r SocialExecutorRow) []string {
			return []string{r.Name, r.Municipality, itoa(r.Agreements), itoa(r.Children), hours(r.HoursContracted), hours(r.HoursGiven), money(r.AmountGiven)}
		})
}
