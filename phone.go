package navigator

import (
	"strings"
)

// NormalizePhone turns a Russian mobile number typed in any usual way
// ("+7 (912) 345-67-89", "89123456789") into "+79123456789". ok is false
// when it is not "+7" and ten digits.
func NormalizePhone(s string) (phone string, ok bool) {
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case strings.ContainsRune(" ()-+.\u00a0", r):
		default:
			return "", false
		}
	}
	d := digits.String()
	if len(d) == 11 && (d[0] == '7' || d[0] == '8') {
		return "+7" + d[1:], true
	}
	if len(d) == 10 && !strings.HasPrefix(strings.TrimSpace(s), "+") {
		return "+7" + d, true
	}
	return "", false
}

// FormatPhone writes "+79123456789" as «+7 (912) 345-67-89».
func FormatPhone(p string) string {
	if len(p) != 12 || !strings.HasPrefix(p, "+7") {
		return p
	}
	d := p[2:]
	return "+7 (" + d[0:3] + ") " + d[3:6] + "-" + d[6:8] + "-" + d[8:10]
}
