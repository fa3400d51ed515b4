package cli

import "testing"

func TestSecureCookiesFollowHTTPS(t *testing.T) {
	for _, c := range []struct {
		asked bool
		base  string
		want  bool
	}{
		{false, "http://localhost:8080", false},
		{false, "https://navigator.example.ru", true},
		{false, " HTTPS://Navigator.example.ru/", true},
		{true, "http://localhost:8080", true},
		{false, "", false},
	} {
		if got := secureCookies(c.asked, c.base); got != c.want {
			t.Errorf("secureCookies(%v, %q) = %v, want %v", c.asked, c.base, got, c.want)
		}
	}
}
