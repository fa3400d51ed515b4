package navigator

import (
	"fmt"
	"strings"
	"unicode"
)

// NormalizeSNILS strips spaces (any, the non-breaking one too) and dashes:
// "112-233-445 95" → "11223344595".
// It works rune by rune, so that removing a space cannot join stray bytes
// into a new separator: normalizing twice gives the same.
func NormalizeSNILS(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// snilsControl computes the control number of the first nine digits with
// the public algorithm: weights 9…1, then modulo 101, 100 and 101 giving 0.
func snilsControl(nine string) int {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(nine[i]-'0') * (9 - i)
	}
	switch {
	case sum < 100:
		return sum
	case sum == 100 || sum == 101:
		return 0
	}
	sum %= 101
	if sum == 100 {
		return 0
	}
	return sum
}

// ValidateSNILS checks an 11-digit СНИЛС (already normalized) and returns a
// field error code and a Russian message, or "" when it is valid.
func ValidateSNILS(s string) (code, message string) {
	if len(s) != 11 || strings.Trim(s, "0123456789") != "" {
		return "format", "СНИЛС состоит из 11 цифр: XXX-XXX-XXX YY."
	}
	// A number of nine equal digits (000-000-000 among them) is never
	// issued, though for some of them the control number adds up.
	if strings.Count(s[:9], s[:1]) == 9 {
		return "never_issued", "Такого СНИЛС не существует. Сверьте номер с документом."
	}
	// Numbers up to 001-001-998 were issued without a control number.
	if s[:9] > "001001998" && fmt.Sprintf("%02d", snilsControl(s[:9])) != s[9:] {
		return "checksum", "СНИЛС введён с ошибкой: не сходится контрольное число. Сверьте номер с документом."
	}
	return "", ""
}

// FormatSNILS writes "XXX-XXX-XXX YY".
func FormatSNILS(s string) string {
	if len(s) != 11 {
		return s
	}
	return s[0:3] + "-" + s[3:6] + "-" + s[6:9] + " " + s[9:]
}

// MaskSNILS hides all but the last two digits: "***-***-*** 95".
func MaskSNILS(s string) string {
	if len(s) != 11 {
		return "***"
	}
	return "***-***-*** " + s[9:]
}

// SNILSNotSaved is said of a СНИЛС that another child outside the staff
// member's scope already has: it tells no more than that it cannot be saved.
const SNILSNotSaved = "Этот СНИЛС сохранить нельзя. Сверьте номер с документом; если он верный, обратитесь к администратору региона."
