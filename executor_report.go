package navigator

import (
	"strings"
	"time"
)

// ReportStatus is where an executor's monthly report is.
type ReportStatus string

// The statuses of an executor's report: formed by the provider, sent to
// the municipality, accepted (the certificates are charged) or returned
// with remarks (the month may be formed again).
const (
	ReportDraft     ReportStatus = "draft"
	ReportSubmitted ReportStatus = "submitted"
	ReportAccepted  ReportStatus = "accepted"
	ReportReturned  ReportStatus = "returned"
)

// Title is the status as a person reads it.
func (s ReportStatus) Title() string {
	switch s {
	case ReportDraft:
		return "Черновик"
	case ReportSubmitted:
		return "Направлен в муниципалитет"
	case ReportAccepted:
		return "Принят"
	case ReportReturned:
		return "Возвращён на доработку"
	}
	return string(s)
}

// AgreementNumber is the number of the agreement on financial provision
// (соглашение о финансовом обеспечении затрат, 189-ФЗ art. 21) that a
// contract by social certificate is between the municipality and the
// executor for the child: the contract's own number under the agreement's
// prefix, so that it is unique, stable and found from either paper.
func AgreementNumber(contractNumber string) string {
	return "СФО-" + strings.TrimPrefix(contractNumber, "Д-")
}

// GivenHours is what a month's marks give of a contract's hours: the
// lessons whose mark counts under the region's rule, at most the hours a
// month the contract covers.
func GivenHours(lessons []MarkedLesson, rule HoursRule, monthly Hours) Hours {
	var h Hours
	for _, l := range lessons {
		if rule.Counts(l.Mark) {
			h += l.Hours
		}
	}
	return MinHours(h, monthly)
}

// MarkedLesson is one lesson's mark and hours.
type MarkedLesson struct {
	Mark  Mark
	Hours Hours
}

// ParseMonth reads "YYYY-MM" as its first day.
func ParseMonth(month string) (Date, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil || len(month) != 7 {
		return Date{}, Invalid(FieldError{Field: "month", Code: "format", Message: "Месяц записывается как ГГГГ-ММ, например 2026-09."})
	}
	return DateOf(t), nil
}

// CheckReportMonth refuses a month that is not over yet: a report counts
// the hours of a whole month.
func CheckReportMonth(month string, today Date) error {
	first, err := ParseMonth(month)
	if err != nil {
		return err
	}
	current := NewDate(today.Time().Year(), today.Time().Month(), 1)
	switch {
	case current.Before(first):
		return Invalid(FieldError{Field: "month", Code: "future", Message: "Этот месяц ещё не наступил: отчёт составляется по прошедшему месяцу."})
	case !first.Before(current):
		return Invalid(FieldError{Field: "month", Code: "month_open", Message: "Месяц ещё не закончился: отчёт можно составить с первого числа следующего месяца."})
	}
	return nil
}

// MonthTitle is «сентябрь 2026» for "2026-09".
func MonthTitle(month string) string {
	first, err := ParseMonth(month)
	if err != nil {
		return month
	}
	return MonthNames[first.Time().Month()] + " " + first.Time().Format("2006")
}

// MonthNames are the Russian names of the months, in the nominative.
var MonthNames = [13]string{"", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
