package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"navigator"
	"navigator/internal/auth"
	"navigator/internal/password"
	"navigator/internal/storetest"
)

func login(t *testing.T, e *env, email, pw, otp string) (*http.Response, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": pw, "otp": otp})
	return e.do(t, "POST", "/api/v1/auth/login", string(body))
}

func TestLoginLogout(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			parent := e.region.Families[0]
			resp, body := login(t, e, strings.ToUpper(parent.Email), "demo-parent-2026", "")
			if resp.StatusCode != 200 {
				t.Fatalf("login: %d %s", resp.StatusCode, body)
			}
			var out struct {
				Token string `json:"token"`
				User  struct {
					ID            int64  `json:"id"`
					Role          string `json:"role"`
					EmailVerified *bool  `json:"email_verified"`
				} `json:"user"`
			}
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
			if len(out.Token) < 22 || out.User.Role != "parent" || out.User.EmailVerified == nil {
				t.Fatalf("login answer %s", body)
			}
			var cookie *http.Cookie
			for _, c := range resp.Cookies() {
				if c.Name == "navigator_session" {
					cookie = c
				}
			}
			if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
				t.Fatalf("session cookie %+v", cookie)
			}
			bearer := []string{"Authorization", "Bearer " + out.Token}
			if r, b := e.do(t, "GET", "/api/v1/me", "", bearer...); r.StatusCode != 200 || !strings.Contains(b, parent.Email) {
				t.Fatalf("me: %d %s", r.StatusCode, b)
			}
			if r, b := e.do(t, "GET", "/api/v1/me", "", "Cookie", "navigator_session="+cookie.Value); r.StatusCode != 200 {
				t.Fatalf("me by cookie: %d %s", r.StatusCode, b)
			}
			if r, b := e.do(t, "POST", "/api/v1/auth/logout", "", bearer...); r.StatusCode != 204 {
				t.Fatalf("logout: %d %s", r.StatusCode, b)
			}
			if r, _ := e.do(t, "GET", "/api/v1/me", "", bearer...); r.StatusCode != 401 {
				t.Fatalf("token works after logout: %d", r.StatusCode)
			}
		})
	}
}

func TestLoginSameAnswerAndThrottle(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			parent := e.region.Families[1]
			_, wrong := login(t, e, parent.Email, "wrong password", "")
			_, unknown := login(t, e, "nobody@example.ru", "wrong password", "")
			if detail(t, wrong) != detail(t, unknown) {
				t.Fatalf("answers differ: %s vs %s", wrong, unknown)
			}
			// Five failures lock the account, even for the right password.
			for i := 0; i < 4; i++ {
				login(t, e, parent.Email, "wrong password", "")
			}
			resp, body := login(t, e, parent.Email, "demo-parent-2026", "")
			if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("after 5 failures: %d %s, Retry-After %q", resp.StatusCode, body, resp.Header.Get("Retry-After"))
			}
			// Another account from the same address still signs in.
			other := e.region.Families[2]
			if resp, body := login(t, e, other.Email, "demo-parent-2026", ""); resp.StatusCode != 200 {
				t.Fatalf("other account: %d %s", resp.StatusCode, body)
			}
		})
	}
}

func detail(t *testing.T, body string) string {
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Status != 401 {
		t.Fatalf("not a 401 problem: %s", body)
	}
	return p.Detail
}

func TestStaffSecondFactor(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			const pw = "a long staff password"
			st := &navigator.Staff{Email: "new.admin@example.ru", Role: navigator.RoleRegionalAdmin, FullName: "Новый Админ"}
			if err := e.db.CreateStaff(ctx, st, password.CheapHash(pw)); err != nil {
				t.Fatal(err)
			}
			// A staff account without a second factor does not sign in at all.
			resp, body := login(t, e, st.Email, pw, "")
			if resp.StatusCode != 401 || !strings.Contains(body, `"code":"otp_not_enrolled"`) {
				t.Fatalf("not enrolled: %d %s", resp.StatusCode, body)
			}
			en, err := auth.New(e.db, e.keys, nil).EnrollTOTP(ctx, st.ID, st.Email)
			if err != nil || !strings.HasPrefix(en.URL, "otpauth://totp/") || len(en.RecoveryCodes) != auth.RecoveryCodes {
				t.Fatalf("enrol: %+v %v", en, err)
			}
			for _, otp := range []string{"", "000000", "abcd-efgh"} {
				resp, body = login(t, e, st.Email, pw, otp)
				if resp.StatusCode != 401 || !strings.Contains(body, `"code":"otp_required"`) {
					t.Fatalf("otp %q: %d %s", otp, resp.StatusCode, body)
				}
			}
			code, err := totp.GenerateCode(en.Secret, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if resp, body = login(t, e, st.Email, pw, code); resp.StatusCode != 200 {
				t.Fatalf("with otp: %d %s", resp.StatusCode, body)
			}
			if !strings.Contains(body, fmt.Sprintf(`"id":%d`, st.ID)) || !strings.Contains(body, `"role":"regional_admin"`) {
				t.Fatalf("login answer %s", body)
			}
			// The same code does not sign in twice.
			if resp, body = login(t, e, st.Email, pw, code); resp.StatusCode != 401 {
				t.Fatalf("replayed code: %d %s", resp.StatusCode, body)
			}
			// A recovery code works once, typed in any case.
			rc := strings.ToUpper(en.RecoveryCodes[3])
			if resp, body = login(t, e, st.Email, pw, rc); resp.StatusCode != 200 {
				t.Fatalf("recovery code: %d %s", resp.StatusCode, body)
			}
			if left, _ := e.db.RecoveryCodesLeft(ctx, st.ID); left != auth.RecoveryCodes-1 {
				t.Fatalf("recovery codes left %d", left)
			}
			// Too many failures in a row lock the account (throttle), so the
			// spent code is tried last.
			if resp, body = login(t, e, st.Email, pw, rc); resp.StatusCode != 401 {
				t.Fatalf("spent recovery code: %d %s", resp.StatusCode, body)
			}
		})
	}
}
