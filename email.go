package navigator

import (
	"net/mail"
	"strings"
)

// NormalizeEmail trims and lower-cases an address; addresses are compared
// case-insensitively everywhere. ok is false when it is not one plain
// address.
func NormalizeEmail(s string) (email string, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 254 || strings.ContainsAny(s, " <>\"") {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return "", false
	}
	return s, true
}
