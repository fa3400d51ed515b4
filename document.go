package navigator

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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

// Messages of NormalizeDocument: each says the expected form with an
// example.
const (
	msgBirthSeries    = "Серия свидетельства о рождении — римское число латинскими буквами и две русские буквы, например IV-МЮ."
	msgBirthNumber    = "Номер свидетельства о рождении — 6 цифр, например 123456."
	msgPassportSeries = "Серия паспорта — 4 цифры, например 45 12."
	msgPassportNumber = "Номер паспорта — 6 цифр, например 654321."
	msgForeignSeries  = "Серия иностранного документа — не длиннее 20 символов (буквы, цифры, пробелы, дефисы), например AB 12."
	msgForeignNumber  = "Номер иностранного документа — от 1 до 20 букв и цифр без пробелов и знаков, например X1234567."
	msgDocumentType   = "Выберите тип документа: свидетельство о рождении, паспорт гражданина РФ или документ иностранного государства."
)

// romanPart maps what people type in the Roman part of a birth
// certificate's series to Latin letters: upper and lower case, the
// unambiguous Cyrillic look-alikes «І», «Х», «С», the digit one and the
// Unicode Roman numerals.
var romanPart = map[rune]string{
	'I': "I", 'V': "V", 'X': "X", 'L': "L", 'C': "C",
	'i': "I", 'v': "V", 'x': "X", 'l': "L", 'c': "C",
	'І': "I", 'і': "I", 'Ӏ': "I", 'ӏ': "I", 'Х': "X", 'х': "X", 'С': "C", 'с': "C", '1': "I",
	'Ⅰ': "I", 'Ⅱ': "II", 'Ⅲ': "III", 'Ⅳ': "IV", 'Ⅴ': "V", 'Ⅵ': "VI", 'Ⅶ': "VII", 'Ⅷ': "VIII", 'Ⅸ': "IX", 'Ⅹ': "X",
	'Ⅺ': "XI", 'Ⅻ': "XII", 'Ⅼ': "L", 'Ⅽ': "C",
	'ⅰ': "I", 'ⅱ': "II", 'ⅲ': "III", 'ⅳ': "IV", 'ⅴ': "V", 'ⅵ': "VI", 'ⅶ': "VII", 'ⅷ': "VIII", 'ⅸ': "IX", 'ⅹ': "X",
	'ⅺ': "XI", 'ⅻ': "XII", 'ⅼ': "L", 'ⅽ': "C",
}

// cyrillicLookalike maps Latin look-alikes to the Cyrillic capitals of
// the series' letter part.
var cyrillicLookalike = map[rune]rune{
	'A': 'А', 'B': 'В', 'E': 'Е', 'K': 'К', 'M': 'М', 'H': 'Н', 'O': 'О', 'P': 'Р', 'C': 'С', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	'a': 'А', 'b': 'В', 'e': 'Е', 'k': 'К', 'm': 'М', 'h': 'Н', 'o': 'О', 'p': 'Р', 'c': 'С', 't': 'Т', 'x': 'Х', 'y': 'У',
}

// romanNumeral is a Roman number from I to CCCXCIX in the standard
// subtractive form.
var romanNumeral = regexp.MustCompile(`^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$`)

func isSeparator(r rune) bool {
	return r == '-' || r == ' ' || r == '–' || r == '—' || r == '‐' || r == '−' || r == '_' || r == '\u00a0' || r == '\t'
}

// russianCapital returns the Russian capital letter r stands for: itself,
// its capital, or the Cyrillic letter a Latin look-alike stands for.
func russianCapital(r rune) (rune, bool) {
	switch {
	case r >= 'А' && r <= 'Я', r == 'Ё':
		return r, true
	case r >= 'а' && r <= 'я':
		return r - 'а' + 'А', true
	case r == 'ё':
		return 'Ё', true
	}
	c, ok := cyrillicLookalike[r]
	return c, ok
}

// splitSeries reads a birth certificate's series typed as «IV-МЮ»,
// «iv мю», «IVМЮ», «Ⅳ-MЮ»: the Roman part and the two letters, with a
// separator or none.
func splitSeries(s string) (roman, letters string, ok bool) {
	var parts [][]rune
	var cur []rune
	for _, r := range strings.TrimSpace(s) {
		if isSeparator(r) {
			if len(cur) > 0 {
				parts = append(parts, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	var rp, lp []rune
	switch len(parts) {
	case 1: // no separator: the last two characters are the letters
		if len(parts[0]) < 3 {
			return "", "", false
		}
		n := len(parts[0])
		rp, lp = parts[0][:n-2], parts[0][n-2:]
	case 2:
		rp, lp = parts[0], parts[1]
	default:
		return "", "", false
	}
	if len(lp) != 2 {
		return "", "", false
	}
	var rb, lb strings.Builder
	for _, r := range rp {
		l, isRoman := romanPart[r]
		if !isRoman {
			return "", "", false
		}
		rb.WriteString(l)
	}
	for _, r := range lp {
		c, isLetter := russianCapital(r)
		if !isLetter {
			return "", "", false
		}
		lb.WriteRune(c)
	}
	roman = rb.String()
	if roman == "" || !romanNumeral.MatchString(roman) {
		return "", "", false
	}
	return roman, lb.String(), true
}

// digits keeps the digits of s, allowing spaces, the given separators and
// a «№» sign before them; ok is false when anything else was there.
func digits(s string, seps string) (string, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "№")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '\u00a0' || strings.ContainsRune(seps, r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

// NormalizeDocument checks a document's series and number and returns them
// in the canonical form: «IV-МЮ» and «123456» for a birth certificate
// typed as «iv mю» and «№ 123 456», «4512» and «654321» for a passport's
// «45 12» and «654 321». Mistakes come back as an *Error with a field
// error for document_type, document_series or document_number.
func NormalizeDocument(t DocumentType, series, number string) (normSeries, normNumber string, err error) {
	var f Fields
	switch t {
	case DocBirthCertificate:
		roman, letters, ok := splitSeries(series)
		if ok {
			normSeries = roman + "-" + letters
		} else {
			f.Add("document_series", "format", msgBirthSeries)
		}
		num, ok := digits(number, "")
		if ok && len(num) == 6 {
			normNumber = num
		} else {
			f.Add("document_number", "format", msgBirthNumber)
		}
	case DocPassport:
		s, ok := digits(series, "-")
		if ok && len(s) == 4 {
			normSeries = s
		} else {
			f.Add("document_series", "format", msgPassportSeries)
		}
		num, ok := digits(number, "")
		if ok && len(num) == 6 {
			normNumber = num
		} else {
			f.Add("document_number", "format", msgPassportNumber)
		}
	case DocForeign:
		s := strings.ToUpper(strings.Join(strings.Fields(series), " "))
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 20 || strings.ContainsFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '/' && r != '.'
		}) {
			f.Add("document_series", "format", msgForeignSeries)
		} else {
			normSeries = s
		}
		num := strings.TrimPrefix(strings.TrimSpace(number), "№")
		num = strings.ToUpper(strings.Join(strings.Fields(num), ""))
		if n := utf8.RuneCountInString(num); !utf8.ValidString(num) || n == 0 || n > 20 || strings.ContainsFunc(num, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			f.Add("document_number", "format", msgForeignNumber)
		} else {
			normNumber = num
		}
	default:
		f.Add("document_type", "unknown", msgDocumentType)
	}
	if err := f.Err(); err != nil {
		return "", "", err
	}
	return normSeries, normNumber, nil
}

// DocumentKey is the canonical text hashed to find a document: type,
// series and number as NormalizeDocument returns them, joined by «|».
func DocumentKey(t DocumentType, series, number string) string {
	return string(t) + "|" + series + "|" + number
}

// MaskDocument hides all but the last two characters of the number:
// «IV-МЮ № ****56».
func MaskDocument(series, number string) string {
	r := []rune(number)
	if len(r) > 2 {
		number = strings.Repeat("*", len(r)-2) + string(r[len(r)-2:])
	} else {
		number = strings.Repeat("*", len(r))
	}
	if series == "" {
		return "№ " + number
	}
	return series + " № " + number
}
