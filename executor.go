package navigator

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The registry of executors of the municipal service by social
// certificate (189-ФЗ; ПП РФ от 13.02.2021 № 183 says how it is kept): a
// provider applies to its municipality's registry, confirming each
// requirement of the checklist and attaching documents; the municipal
// admin includes it, refuses with a reason, or later excludes it with
// one.

// ExecutorStatus is where an application to the registry stands.
type ExecutorStatus string

// Executor statuses.
const (
	ExecutorPending  ExecutorStatus = "pending"
	ExecutorIncluded ExecutorStatus = "included"
	ExecutorRefused  ExecutorStatus = "refused"
	ExecutorExcluded ExecutorStatus = "excluded"
)

// ExecutorStatuses are all the statuses, in the order of a list's tabs.
var ExecutorStatuses = []ExecutorStatus{ExecutorIncluded, ExecutorPending, ExecutorRefused, ExecutorExcluded}

// Valid reports whether s is a known status.
func (s ExecutorStatus) Valid() bool {
	switch s {
	case ExecutorPending, ExecutorIncluded, ExecutorRefused, ExecutorExcluded:
		return true
	}
	return false
}

// Title is the Russian name of the status.
func (s ExecutorStatus) Title() string {
	switch s {
	case ExecutorPending:
		return "На рассмотрении"
	case ExecutorIncluded:
		return "Включён в реестр"
	case ExecutorRefused:
		return "Отказано во включении"
	case ExecutorExcluded:
		return "Исключён из реестра"
	}
	return "Неизвестный статус"
}

// ExecutorDecision is the municipal admin's decision on an entry.
type ExecutorDecision string

// Decisions.
const (
	DecideInclude ExecutorDecision = "include"
	DecideRefuse  ExecutorDecision = "refuse"
	DecideExclude ExecutorDecision = "exclude"
)

// Title is the decision's button.
func (d ExecutorDecision) Title() string {
	switch d {
	case DecideInclude:
		return "Включить в реестр"
	case DecideRefuse:
		return "Отказать во включении"
	case DecideExclude:
		return "Исключить из реестра"
	}
	return string(d)
}

// Next is the status a decision leads to from the current one; a
// decision that cannot be taken from there is a conflict (include and
// refuse only from pending, exclude only from included), and refuse and
// exclude need a reason.
func (d ExecutorDecision) Next(from ExecutorStatus, reason string) (ExecutorStatus, error) {
	var to, needs ExecutorStatus
	switch d {
	case DecideInclude:
		to, needs = ExecutorIncluded, ExecutorPending
	case DecideRefuse:
		to, needs = ExecutorRefused, ExecutorPending
	case DecideExclude:
		to, needs = ExecutorExcluded, ExecutorIncluded
	default:
		return "", Invalid(FieldError{Field: "decision", Code: "unknown", Message: "Выберите решение: включить, отказать или исключить."})
	}
	if d != DecideInclude && strings.TrimSpace(reason) == "" {
		msg := "Укажите причину отказа: её прочтёт организация."
		if d == DecideExclude {
			msg = "Укажите причину исключения: её прочтёт организация."
		}
		return "", Invalid(FieldError{Field: "reason", Code: "required", Message: msg})
	}
	if utf8.RuneCountInString(reason) > MaxExecutorReason {
		return "", Invalid(FieldError{Field: "reason", Code: "too_long", Message: "Причина — не длиннее 2000 символов."})
	}
	if from != needs {
		msg := "Решение уже принято: заявка не на рассмотрении."
		if d == DecideExclude {
			msg = "Исключить можно только организацию, включённую в реестр."
		}
		return "", Errorf(KindConflict, "%s", msg).WithCode("status")
	}
	return to, nil
}

// MaxExecutorReason is the longest reason of a decision, in characters.
const MaxExecutorReason = 2000

// Requirement is one item of the checklist an executor confirms.
type Requirement struct {
	Code  string
	Title string
	// Document names the document the item needs attached before the
	// organization can be included; "" when it needs none.
	Document string
	// Hint says more of what the item means.
	Hint string
}

// Requirement codes.
const (
	ReqLicence       = "licence"
	ReqNotLiquidated = "not_liquidated"
	ReqNoTaxArrears  = "no_tax_arrears"
	ReqNotOffshore   = "not_offshore"
	ReqStaffCleared  = "staff_cleared"
	ReqSiteInfo      = "site_info"
)

// Requirements are the checklist, in the order of the form.
var Requirements = []Requirement{
	{Code: ReqLicence, Title: "Есть лицензия на осуществление образовательной деятельности по дополнительным общеобразовательным программам",
		Document: "выписка из реестра лицензий", Hint: "Индивидуальный предприниматель, который ведёт занятия сам, без педагогов, лицензию не получает."},
	{Code: ReqNotLiquidated, Title: "Организация не находится в процессе ликвидации или банкротства, её деятельность не приостановлена"},
	{Code: ReqNoTaxArrears, Title: "Нет недоимки по налогам, сборам и страховым взносам",
		Document: "справка налогового органа об исполнении обязанности по уплате налогов"},
	{Code: ReqNotOffshore, Title: "Организация не является иностранным юридическим лицом, зарегистрированным в офшорной зоне"},
	{Code: ReqStaffCleared, Title: "У всех работников, допущенных к занятиям с детьми, есть справки об отсутствии судимости (статья 351.1 ТК РФ)"},
	{Code: ReqSiteInfo, Title: "На сайте организации размещены сведения, предусмотренные статьёй 29 Федерального закона № 273-ФЗ"},
}

// RequirementByCode finds an item of the checklist.
func RequirementByCode(code string) (Requirement, bool) {
	for _, r := range Requirements {
		if r.Code == code {
			return r, true
		}
	}
	return Requirement{}, false
}

// Checklist is what a provider confirms when it applies.
type Checklist struct {
	// SoleTeacher: an individual entrepreneur who teaches alone, without
	// hired teachers, needs no licence (ч. 1 ст. 91 273-ФЗ).
	SoleTeacher   bool   `json:"sole_teacher"`
	Licence       bool   `json:"licence"`
	LicenceNumber string `json:"licence_number"`
	NotLiquidated bool   `json:"not_liquidated"`
	NoTaxArrears  bool   `json:"no_tax_arrears"`
	NotOffshore   bool   `json:"not_offshore"`
	StaffCleared  bool   `json:"staff_cleared"`
	SiteInfo      bool   `json:"site_info"`
	SiteURL       string `json:"site_url"`
}

// Confirmed reports whether the provider confirmed the item.
func (c Checklist) Confirmed(code string) bool {
	switch code {
	case ReqLicence:
		return c.Licence
	case ReqNotLiquidated:
		return c.NotLiquidated
	case ReqNoTaxArrears:
		return c.NoTaxArrears
	case ReqNotOffshore:
		return c.NotOffshore
	case ReqStaffCleared:
		return c.StaffCleared
	case ReqSiteInfo:
		return c.SiteInfo
	}
	return false
}

// Exempt reports whether the item does not apply to the provider.
func (c Checklist) Exempt(code string) bool { return code == ReqLicence && c.SoleTeacher }

// Normalize trims the typed fields and drops what an exemption makes moot.
func (c Checklist) Normalize() Checklist {
	c.LicenceNumber = strings.TrimSpace(c.LicenceNumber)
	c.SiteURL = strings.TrimSpace(c.SiteURL)
	if c.SoleTeacher {
		c.Licence, c.LicenceNumber = false, ""
	}
	return c
}

// Validate checks that every item that applies is confirmed, with the
// licence's number and the site's address; each failure names its field
// in the API's terms ("checklist.licence").
func (c Checklist) Validate() error {
	c = c.Normalize()
	var f Fields
	for _, r := range Requirements {
		if c.Exempt(r.Code) || c.Confirmed(r.Code) {
			continue
		}
		msg := "Подтвердите соответствие требованию."
		if r.Code == ReqLicence {
			msg = "Подтвердите, что лицензия есть, или отметьте, что вы индивидуальный предприниматель и ведёте занятия сами."
		}
		f.Add("checklist."+r.Code, "required", msg)
	}
	if !c.SoleTeacher {
		switch n := utf8.RuneCountInString(c.LicenceNumber); {
		case n == 0:
			f.Add("checklist.licence_number", "required", "Укажите номер лицензии, например Л035-01234-77/00123456.")
		case n > 100:
			f.Add("checklist.licence_number", "too_long", "Номер лицензии — не длиннее 100 символов.")
		}
	}
	if c.SiteURL == "" {
		f.Add("checklist.site_url", "required", "Укажите адрес сайта организации, например https://ddt.example.ru.")
	} else if u, err := url.Parse(c.SiteURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(c.SiteURL) > 300 {
		f.Add("checklist.site_url", "format", "Адрес сайта начинается с https:// или http://, например https://ddt.example.ru.")
	}
	return f.Err()
}

// MissingDocuments are the field errors of the items that need a
// document and have none among attached (their requirement codes):
// an organization is included only with them.
func (c Checklist) MissingDocuments(attached []string) error {
	have := map[string]bool{}
	for _, a := range attached {
		have[a] = true
	}
	var f Fields
	for _, r := range Requirements {
		if r.Document != "" && !c.Exempt(r.Code) && !have[r.Code] {
			f.Add("documents."+r.Code, "required", "Не приложен документ: "+r.Document+".")
		}
	}
	if err := f.Err(); err != nil {
		e := err.(*Error)
		e.Code = "documents_missing"
		if len(f) > 1 {
			e.Message = "Не приложены документы, без которых организацию нельзя включить в реестр."
		}
		return e
	}
	return nil
}

// Limits of the documents of one application.
const (
	MaxExecutorDocument  = 5 << 20 // bytes of one file
	MaxExecutorDocuments = 10      // files of one application
)

// ExecutorDocumentTypes are the accepted kinds of file, as
// http.DetectContentType names them, with their Russian name.
var ExecutorDocumentTypes = map[string]string{"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}

// CheckExecutorDocument checks a document's requirement, size and sniffed
// content type (what http.DetectContentType says of its first bytes, never
// what the sender claims).
func CheckExecutorDocument(requirement, sniffed string, size int) error {
	var f Fields
	if _, ok := RequirementByCode(requirement); !ok {
		f.Add("requirement", "unknown", "Выберите, к какому требованию относится документ.")
	}
	switch {
	case size == 0:
		f.Add("file", "required", "Выберите файл: PDF, JPEG или PNG.")
	case size > MaxExecutorDocument:
		f.Add("file", "too_large", "Файл больше 5 МБ: уменьшите его или отсканируйте с меньшим разрешением.")
	default:
		if _, ok := ExecutorDocumentTypes[sniffed]; !ok {
			f.Add("file", "content_type", "Файл должен быть PDF, JPEG или PNG.")
		}
	}
	return f.Err()
}

// SanitizeFileName keeps a sent file's base name fit to show and to send
// back in Content-Disposition: no path, no control or quote characters,
// at most 100 characters; an empty result becomes «документ».
func SanitizeFileName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	var b strings.Builder
	n := 0
	for _, r := range name {
		if n == 100 {
			break
		}
		if r == utf8.RuneError || unicode.IsControl(r) || strings.ContainsRune("\"/<>:|?*;", r) {
			r = '_'
		}
		b.WriteRune(r)
		n++
	}
	out := strings.TrimSpace(strings.Trim(b.String(), "."))
	if out == "" || out == "_" {
		return "документ"
	}
	return out
}
