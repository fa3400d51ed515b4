package mail

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzParseURL: ParseURL never panics, its errors never show the password,
// and an accepted address has a
// host, a port of 1–65535 and a TLS mode among the three it names.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"smtp://user:pass@mail.example.ru:587?tls=starttls", "smtp://mail.example.ru?tls=tls", "smtp://mail:0", "smtp://mail:99999",
		"smtp://mail:-1", "http://mail", "smtp://:25", "smtp://[::1]:25?tls=none", "smtp://u%zz@mail"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := ParseURL(raw, "navigator@example.ru")
		if err != nil {
			// The message goes to the log: never the password.
			if u, perr := url.Parse(raw); perr == nil && u.User != nil {
				if p, ok := u.User.Password(); ok && len(p) >= 4 && strings.Contains(strings.ReplaceAll(err.Error(), "smtp://user:password@host:port", ""), p) {
					t.Fatalf("%q: error shows the password: %v", raw, err)
				}
			}
			return
		}
		if s.host == "" || s.port < 1 || s.port > 65535 {
			t.Fatalf("%q → host %q port %d", raw, s.host, s.port)
		}
	})
}
