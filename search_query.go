package navigator

import (
	"strings"
	"unicode"
)

// PeopleQuery is what a clerk typed into «Пользователи сайта», read the
// ways a clerk types it: a phone in any spelling, a certificate number,
// part of an e-mail, or «Фамилия Имя Отчество» (or its start) in any case.
type PeopleQuery struct {
	Phone       string   // "+79131234567" when the query reads as a phone
	Certificate string   // ten digits that may be a certificate number
	Email       string   // part of an address, lower case
	Names       []string // surname, first name, patronymic prefixes, lower case
}

// ParsePeopleQuery reads q. Ten digits are both a phone without its
// prefix and a certificate number: both are searched.
func ParsePeopleQuery(q string) PeopleQuery {
	q = strings.TrimSpace(q)
	var out PeopleQuery
	if q == "" {
		return out
	}
	if p, ok := NormalizePhone(q); ok {
		out.Phone = p
	}
	if ValidCertificateNumber(q) {
		out.Certificate = q
	}
	if out.Phone != "" || out.Certificate != "" {
		return out
	}
	if strings.Contains(q, "@") || isLatinWord(q) {
		out.Email = strings.ToLower(q)
		return out
	}
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if len(out.Names) < 3 {
			out.Names = append(out.Names, strings.ReplaceAll(w, "ё", "е"))
		}
	}
	return out
}

// isLatinWord reports whether s can only be part of an e-mail address:
// Latin letters, digits and . _ - + without spaces.
func isLatinWord(s string) bool {
	for _, r := range s {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-+", r))) {
			return false
		}
	}
	return true
}
