// Package report holds the Навигатор's reports: their names, filters and
// rows, how each becomes a table with Russian headers for CSV and XLSX,
// and the charts of the dashboard drawn as SVG on the server. It knows
// nothing of SQL or HTTP.
package report

import (
	"fmt"
	"strconv"
	"strings"

	"navigator"
)

// Name names a report in URLs and job payloads.
type Name string

// The reports.
const (
	Certificates        Name = "certificates"         // issued per day, municipality, office and type
	Coverage            Name = "coverage"             // children with certificates against the municipality's children
	Applications        Name = "applications"         // applications by direction and status
	Fill                Name = "fill"                 // groups' fill rates
	MoneyMunicipalities Name = "money-municipalities" // nominals, reserved, charged per municipality
	MoneyProviders      Name = "money-providers"      // reserved and charged per provider
	Statement           Name = "statement"            // a provider's monthly statement with the advance
	SocialOrder         Name = "social-order"         // execution of the social order per municipality and direction
	SocialExecutors     Name = "social-executors"     // the social certificate's agreements and hours per executor
)

// Names are the reports in the order of the reports page.
var Names = []Name{Certificates, Coverage, Applications, Fill, MoneyMunicipalities, MoneyProviders, Statement, SocialOrder, SocialExecutors}

// Title is the report's Russian name.
func (n Name) Title() string {
	return map[Name]string{
		Certificates:        "Выданные сертификаты",
		Coverage:            "Охват сертификатами",
		Applications:        "Заявки по направленностям и статусам",
		Fill:                "Наполняемость групп",
		MoneyMunicipalities: "Средства сертификатов по муниципалитетам",
		MoneyProviders:      "Средства сертификатов по организаторам",
		Statement:           "Ведомость организатора за месяц",
		SocialOrder:         "Исполнение социального заказа",
		SocialExecutors:     "Социальный сертификат по исполнителям",
	}[n]
}

// Valid reports whether n is a known report.
func (n Name) Valid() bool { return n.Title() != "" }

// Filter narrows a report. Zero values mean «all»; the service fills the
// scope of the actor in before the store sees it.
type Filter struct {
	MunicipalityID int64          `json:"municipality_id,omitempty"`
	OfficeID       int64          `json:"office_id,omitempty"`       // certificates issued by this office
	ProviderID     int64          `json:"provider_id,omitempty"`     // programs of this organization
	From           navigator.Date `json:"from,omitempty"`            // issued or applied on or after
	To             navigator.Date `json:"to,omitempty"`              // on or before
	Month          string         `json:"month,omitempty"`           // "YYYY-MM", the statement's month
	AdvancePercent int            `json:"advance_percent,omitempty"` // the statement's advance share
}

// percent returns part of whole in percent with one decimal, 0 for an
// empty whole.
func percent(part, whole int64) float64 {
	if whole <= 0 {
		return 0
	}
	tenths := (part*1000 + whole/2) / whole
	return float64(tenths) / 10
}

// Percent formats a percentage the Russian way: «12,5 %».
func Percent(p float64) string {
	s := strconv.FormatFloat(p, 'f', 1, 64)
	for i := range s {
		if s[i] == '.' {
			s = s[:i] + "," + s[i+1:]
		}
	}
	return s + "\u00a0%"
}

// Thousands writes n with Russian thousands separators: «21 400».
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "−", s[1:]
	}
	var b []rune
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, '\u00a0')
		}
		b = append(b, c)
	}
	return sign + string(b)
}

// money writes an amount for a spreadsheet: «25000,00», which Russian
// Excel reads as a number.
func money(m navigator.Money) string {
	s := m.String()
	for i := range s {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// hours writes hours for a spreadsheet: «1200» or «1,5».
func hours(h navigator.Hours) string { return strings.Replace(h.String(), ".", ",", 1) }

// pct writes a percentage for a spreadsheet: «12,5».
func pct(p float64) string { return strings.Replace(fmt.Sprintf("%.1f", p), ".", ",", 1) }
