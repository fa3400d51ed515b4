package server_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"navigator/internal/storetest"
)

// TestParentSecondFactor: a parent may turn on sign-in with a code from an
// app; then the password alone no longer signs in, a code signs in once;
// turning it off takes the password and a code.
func TestParentSecondFactor(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			parent := e.region.Families[3]
			const pw = "demo-parent-2026"
			bearer := staffToken(t, e, parent.Email, pw)
			resp, page := e.do(t, "GET", "/cabinet/second-factor", "", bearer...)
			m := regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`).FindStringSubmatch(page)
			if resp.StatusCode != 200 || m == nil || !strings.Contains(page, "<svg") {
				t.Fatalf("factor page: %d %s", resp.StatusCode, trim(page))
			}
			secret := m[1]
			post := func(v url.Values) (int, string) {
				resp, body := e.do(t, "POST", "/cabinet/second-factor", v.Encode(), append([]string{"Content-Type", "application/x-www-form-urlencoded"}, bearer...)...)
				return resp.StatusCode, body
			}
			if code, body := post(url.Values{"action": {"enable"}, "otp": {"123"}}); code != 422 || !strings.Contains(body, "Код не подошёл") {
				t.Fatalf("bad code: %d %s", code, trim(body))
			}
			first, _ := totp.GenerateCode(secret, time.Now().Add(-30*time.Second))
			if code, body := post(url.Values{"action": {"enable"}, "otp": {first}}); code != 200 || !strings.Contains(body, "Вход с кодом включён") {
				t.Fatalf("enable: %d %s", code, trim(body))
			}
			if resp, body := login(t, e, parent.Email, pw, ""); resp.StatusCode != 401 || !strings.Contains(body, "otp_required") {
				t.Fatalf("password alone: %d %s", resp.StatusCode, body)
			}
			now, _ := totp.GenerateCode(secret, time.Now())
			if resp, body := login(t, e, parent.Email, pw, now); resp.StatusCode != 200 {
				t.Fatalf("with a code: %d %s", resp.StatusCode, body)
			}
			if resp, _ := login(t, e, parent.Email, pw, now); resp.StatusCode != 401 {
				t.Fatalf("the same code twice: %d", resp.StatusCode)
			}
			next, _ := totp.GenerateCode(secret, time.Now().Add(30*time.Second))
			if code, body := post(url.Values{"action": {"disable"}, "current_password": {"wrong password"}, "otp": {next}}); code != 422 || !strings.Contains(body, "Пароль указан неверно") {
				t.Fatalf("disable with a wrong password: %d %s", code, trim(body))
			}
			if code, body := post(url.Values{"action": {"disable"}, "current_password": {pw}, "otp": {next}}); code != 200 || !strings.Contains(body, "Вход с кодом выключен") {
				t.Fatalf("disable: %d %s", code, trim(body))
			}
			if resp, body := login(t, e, parent.Email, pw, ""); resp.StatusCode != 200 {
				t.Fatalf("after turning it off: %d %s", resp.StatusCode, body)
			}
		})
	}
}
