package navigator

import (
	"regexp"
	"strings"
	"unicode"
)

// DocumentType is the kind of a child's identity document.
type DocumentType string

// Document types.
const (
	DocBirthCertificate DocumentType = "birth_certificate" // свидетельство о рождении
	DocPassport         DocumentType = "passport"          // паспорт гражданина РФ, с 14 лет
	DocForeign          DocumentType = "foreign"           // документ иностранного государства
)

// Valid reports whether t is a known type.
func (t DocumentType) Valid() bool {
	return t == DocBirthCertificate || t == DocPassport || t == DocForeign
}

// Title is the Russian name of the document.
func (t DocumentType) Title() string {
	switch t {
	case DocBirthCertificate:
		return "Свидетельство о рождении"
	case DocPassport:
		return "Паспорт гражданина РФ"
	case DocForeign:
		return "Документ иностранного государства"
	}
	return string(t)
}

// latinRoman maps what people type for the Roman part of a birth
// certificate's series to the Latin letters: Cyrillic look-alikes, digit
// one, lower case and the Unicode Roman numerals.
var latinRoman = map[rune]string{
	'I': "I", 'V': "V", 'X': "X", 'L': "L", 'C': "C",
	'i': "I", 'v': "V", 'x': "X", 'l': "L", 'c': "C",
	'І': "I", 'і': "I", 'Х': "X", 'х': "X", 'С': "C", 'с': "C", '1': "I", 'Ӏ': "I",
	'Ⅰ': "I", 'Ⅱ': "II", 'Ⅲ': "III", 'Ⅳ': "IV", 'Ⅴ': "V", 'Ⅵ': "VI", 'Ⅶ': "VII", 'Ⅷ': "VIII", 'Ⅸ': "IX", 'Ⅹ': "X",
	'Ⅺ': "XI", 'Ⅻ': "XII", 'Ⅼ': "L", 'Ⅽ': "C",
}

// cyrillicLetter maps Latin look-alikes to the Cyrillic capitals of the
// series' letter part.
var cyrillicLetter = map[rune]rune{
	'A': 'А', 'B': 'В', 'E': 'Е', 'K': 'К', 'M': 'М', 'H': 'Н', 'O': 'О', 'P': 'Р', 'C': 'С', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	'a': 'А', 'b': 'В', 'e': 'Е', 'k': 'К', 'm': 'М', 'h': 'Н', 'o': 'О', 'p': 'Р', 'c': 'С', 't': 'Т', 'x': 'Х', 'y': 'У',
}

var romanNumeral = regexp.MustCompile(`^(L|XL|X{0,3})?(IX|IV|V?I{0,3})$`)

// splitSeries cuts a birth certificate's series into its Roman and letter
// parts, wherever the person put a separator or none.
func splitSeries(s string) (roman, letters string, ok bool) {
	rs := []rune(strings.TrimSpace(s))
	i := 0
	var rb strings.Builder
	for ; i < len(rs); i++ {
		if l, isRoman := latinRoman[rs[i]]; isRoman {
			// A Cyrillic «С» or «Х» after the Roman part begins the letters.
			if (rs[i] == 'С' || rs[i] == 'с' || rs[i] == 'Х' || rs[i] == 'х') && rb.Len() > 0 && i+1 < len(rs) && isCyrillicLetter(rs[i+1]) {
				break
			}
			rb.WriteString(l)
			continue
		}
		break
	}
	var lb strings.Builder
	for ; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '-' || r == ' ' || r == '–' || r == '—' || r == '_':
		case isCyrillicLetter(r):
			lb.WriteRune(unicode.ToUpper(r))
		default:
			if c, look := cyrillicLetter[r]; look {
				lb.WriteRune(c)
			} else {
				return "", "", false
			}
		}
	}
	return rb.String(), lb.String(), rb.Len() > 0
}

func isCyrillicLetter(r rune) bool { return unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r) }

// digitsOnly keeps the digits of s and reports whether anything other
// than digits, spaces and a «№» sign was there.
func digitsOnly(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '№' || r == '\u00a0':
		default:
			return "", false
		}
	}
	return b.String(), true
}

// NormalizeDocument checks a document's series and number and returns them
// in the canonical form: «IV-МЮ» and «123456» for a birth certificate
// typed as «iv mю», «4512» for a passport's «45 12».
func NormalizeDocument(t DocumentType, series, number string) (string, string, error) {
	var f Fields
	num, numOK := digitsOnly(strings.TrimSpace(number))
	switch t {
	case DocBirthCertificate:
		roman, letters, ok := splitSeries(series)
		if !ok || !romanNumeral.MatchString(roman) || len([]rune(letters)) != 2 {
			f.Add("document_series", "format", "Серия свидетельства о рождении — римское число и две русские буквы, например IV-МЮ.")
		} else {
			series = roman + "-" + letters
		}
		if !numOK || len(num) != 6 {
			f.Add("document_number", "format", "Номер свидетельства о рождении — 6 цифр, например 123456.")
		}
		number = num
	case DocPassport:
		s, sOK := digitsOnly(strings.TrimSpace(series))
		if !sOK || len(s) != 4 {
			f.Add("document_series", "format", "Серия паспорта — 4 цифры, например 45 12.")
		}
		if !numOK || len(num) != 6 {
			f.Add("document_number", "format", "Номер паспорта — 6 цифр, например 654321.")
		}
		series, number = s, num
	case DocForeign:
		series = strings.ToUpper(strings.Join(strings.Fields(series), " "))
		number = strings.ToUpper(strings.Join(strings.Fields(number), ""))
		number = strings.TrimPrefix(number, "№")
		if len([]rune(series)) > 20 {
			f.Add("document_series", "format", "Серия иностранного документа — не длиннее 20 символов.")
		}
		if n := len([]rune(number)); n == 0 || n > 20 || strings.IndexFunc(number, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			f.Add("document_number", "format", "Номер иностранного документа — от 1 до 20 букв и цифр.")
		}
	default:
		f.Add("document_type", "unknown", "Выберите тип документа: свидетельство о рождении, паспорт или иностранный документ.")
	}
	if err := f.Err(); err != nil {
		return "", "", err
	}
	return series, number, nil
}

// DocumentKey is the canonical text hashed to find a document.
func DocumentKey(t DocumentType, series, number string) string {
	return string(t) + "|" + series + "|" + number
}

// MaskDocument hides all but the last two digits of the number.
func MaskDocument(series, number string) string {
	r := []rune(number)
	if len(r) > 2 {
		number = strings.Repeat("*", len(r)-2) + string(r[len(r)-2:])
	}
	if series == "" {
		return "№ " + number
	}
	return series + " № " + number
}
