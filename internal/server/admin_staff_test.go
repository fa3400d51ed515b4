package server_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"navigator/internal/jobs"
	"navigator/internal/mail"
	"navigator/internal/mail/mailtest"
	"navigator/internal/storetest"
)

// invitationLink sends the outbox through a real SMTP server and finds
// the invitation link in the letter that arrived for to, as the invited
// person's mail program would show it.
func invitationLink(t *testing.T, e *env, to string) string {
	t.Helper()
	box, addr := mailtest.Start(t)
	sender, err := mail.ParseURL(addr, "navigator@example.ru")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jobs.SendMail(e.db, sender).Run(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`http://navigator\.test(/staff/invitation\?token=[A-Za-z0-9_-]+)`)
	for _, l := range box.Letters() {
		if l.To != to {
			continue
		}
		body := letterText(t, l.Raw)
		if strings.Contains(strings.ToLower(body), "ваш пароль:") || !strings.Contains(body, "72 часа") {
			t.Fatalf("invitation letter: %s", body)
		}
		if m := re.FindStringSubmatch(body); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no invitation letter to %s", to)
	return ""
}

// letterText decodes a received letter's text.
func letterText(t *testing.T, raw string) string {
	t.Helper()
	msg, err := netmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var r io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// postForm posts a form as a browser on the site would and returns the
// status and the page.
func (e *env) postForm(t *testing.T, path string, v url.Values) (int, string) {
	t.Helper()
	resp, body := e.do(t, "POST", path, v.Encode(), "Content-Type", "application/x-www-form-urlencoded", "Origin", e.srv.URL)
	return resp.StatusCode, body
}

// TestStaffInvitationFlow: a municipal admin invites an operator by e-mail;
// the link sets a password and a second factor once and gives recovery
// codes; a used or expired link is refused clearly; the operator signs in
// with a code; the admin sees and ends sessions; disabling the account
// ends them all; a refusal of scope is written to the audit log.
func TestStaffInvitationFlow(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			ma := staffToken(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
			orgs := call(t, e, ma, "GET", "/api/v1/admin/organizations", "", 200)
			var office, foreign int64
			for _, o := range orgs["items"].([]any) {
				o := o.(map[string]any)
				if o["is_certificate_office"] == true && office == 0 {
					office = id(o)
				}
			}
			region := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			for _, o := range call(t, e, region, "GET", "/api/v1/admin/organizations", "", 200)["items"].([]any) {
				o := o.(map[string]any)
				if o["is_certificate_office"] == true && o["municipality_id"] != orgs["items"].([]any)[0].(map[string]any)["municipality_id"] {
					foreign = id(o)
				}
			}
			// Only its own municipality's organizations, only operators and providers.
			call(t, e, ma, "POST", "/api/v1/admin/staff", fmt.Sprintf(`{"email": "x@example.ru", "role": "operator", "organization_id": %d}`, foreign), 422)
			call(t, e, ma, "POST", "/api/v1/admin/staff", `{"email": "y@example.ru", "role": "municipal_admin", "municipality_id": 1}`, 403)
			st := call(t, e, ma, "POST", "/api/v1/admin/staff", fmt.Sprintf(`{"email": "New.Operator@Example.ru", "full_name": "Новикова Нина Ильинична",
				"role": "operator", "organization_id": %d}`, office), 201)
			sid := id(st)
			// Before the invitation is used the account cannot sign in.
			if resp, _ := login(t, e, "new.operator@example.ru", "a new operator password", ""); resp.StatusCode != 401 {
				t.Fatalf("invited account signs in: %d", resp.StatusCode)
			}
			link := invitationLink(t, e, "new.operator@example.ru")
			resp, page := e.do(t, "GET", link, "")
			if resp.StatusCode != 200 || !strings.Contains(page, "Новикова Нина Ильинична") || !strings.Contains(page, "<svg") {
				t.Fatalf("invitation page: %d %s", resp.StatusCode, trim(page))
			}
			secret := regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`).FindStringSubmatch(page)
			if secret == nil {
				t.Fatalf("no secret on the page: %s", trim(page))
			}
			// Reloading keeps the same secret.
			if _, again := e.do(t, "GET", link, ""); !strings.Contains(again, secret[1]) {
				t.Fatal("the secret changed on reload")
			}
			token := strings.TrimPrefix(link, "/staff/invitation?token=")
			form := url.Values{"token": {token}, "password": {"a new operator password"}, "password_repeat": {"a new operator password"}, "otp": {"000000"}}
			if code, body := e.postForm(t, "/staff/invitation", form); code != 422 || !strings.Contains(body, "Код не подошёл") {
				t.Fatalf("wrong code: %d %s", code, trim(body))
			}
			form.Set("password_repeat", "another")
			if code, body := e.postForm(t, "/staff/invitation", form); code != 422 || !strings.Contains(body, "Пароли не совпадают") {
				t.Fatalf("mismatch: %d %s", code, trim(body))
			}
			form.Set("password_repeat", "a new operator password")
			otp, _ := totp.GenerateCode(secret[1], time.Now().Add(-30*time.Second))
			form.Set("otp", otp)
			code, body := e.postForm(t, "/staff/invitation", form)
			codes := regexp.MustCompile(`<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>`).FindAllStringSubmatch(body, -1)
			if code != 200 || len(codes) != 10 {
				t.Fatalf("accept: %d, %d codes: %s", code, len(codes), trim(body))
			}
			// The link works once.
			if code, body := e.postForm(t, "/staff/invitation", form); code != 422 || !strings.Contains(body, "уже использована") {
				t.Fatalf("link used twice: %d %s", code, trim(body))
			}
			if resp, body := e.do(t, "GET", link, ""); resp.StatusCode != 422 || !strings.Contains(body, "уже использована") {
				t.Fatalf("used link page: %d %s", resp.StatusCode, trim(body))
			}
			// The operator signs in with the app's code, then with a recovery code.
			now, _ := totp.GenerateCode(secret[1], time.Now())
			if resp, body := login(t, e, "new.operator@example.ru", "a new operator password", now); resp.StatusCode != 200 {
				t.Fatalf("sign in: %d %s", resp.StatusCode, body)
			}
			if resp, body := login(t, e, "new.operator@example.ru", "a new operator password", codes[0][1]); resp.StatusCode != 200 {
				t.Fatalf("sign in with a recovery code: %d %s", resp.StatusCode, body)
			}
			card := call(t, e, ma, "GET", fmt.Sprintf("/api/v1/admin/staff/%d", sid), "", 200)
			sessions := card["sessions"].([]any)
			if len(sessions) != 2 || card["recovery_codes_left"] != float64(9) || card["totp_enabled"] != true {
				t.Fatalf("card %v", card)
			}
			ref := sessions[0].(map[string]any)["ref"].(string)
			call(t, e, ma, "DELETE", fmt.Sprintf("/api/v1/admin/staff/%d/sessions/%s", sid, ref), "", 204)
			call(t, e, ma, "DELETE", fmt.Sprintf("/api/v1/admin/staff/%d/sessions/%s", sid, ref), "", 404)
			if card = call(t, e, ma, "GET", fmt.Sprintf("/api/v1/admin/staff/%d", sid), "", 200); len(card["sessions"].([]any)) != 1 {
				t.Fatalf("after ending one: %v", card["sessions"])
			}
			// Disabling ends every session at once.
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			var opID int64
			for _, s := range call(t, e, ma, "GET", "/api/v1/admin/staff?q=operator@demo", "", 200)["items"].([]any) {
				opID = id(s.(map[string]any))
			}
			call(t, e, ma, "POST", fmt.Sprintf("/api/v1/admin/staff/%d/disable", opID), "", 204)
			if resp, _ := e.do(t, "GET", "/api/v1/me", "", op...); resp.StatusCode != 401 {
				t.Fatalf("a disabled account's session works: %d", resp.StatusCode)
			}
			if resp, body := login(t, e, "operator@demo.example.ru", "demo-operator-2026", e.otp(t, "operator@demo.example.ru")); resp.StatusCode != 401 ||
				!strings.Contains(body, "отключена") {
				t.Fatalf("disabled account signs in: %d %s", resp.StatusCode, body)
			}
			call(t, e, ma, "POST", fmt.Sprintf("/api/v1/admin/staff/%d/enable", opID), "", 204)
			// A municipal admin cannot touch the regional admin: out of scope is not found, and logged.
			var regionID int64
			for _, s := range call(t, e, region, "GET", "/api/v1/admin/staff?q=region@demo", "", 200)["items"].([]any) {
				regionID = id(s.(map[string]any))
			}
			call(t, e, ma, "POST", fmt.Sprintf("/api/v1/admin/staff/%d/disable", regionID), "", 404)
			audit := call(t, e, region, "GET", "/api/v1/admin/audit", "", 200)
			if !strings.Contains(fmt.Sprint(audit), "access_refused") || !strings.Contains(fmt.Sprint(audit), "POST /api/v1/admin/staff/{id}/{action}") {
				t.Fatalf("refusal not in the audit: %s", trim(fmt.Sprint(audit)))
			}

			// An expired invitation is refused with its own message.
			call(t, e, ma, "POST", "/api/v1/admin/staff", fmt.Sprintf(`{"email": "late@example.ru", "role": "provider", "organization_id": %d}`, providerOf(t, e, ma)), 201)
			late := invitationLink(t, e, "late@example.ru")
			e.db.SetClock(func() time.Time { return time.Now().Add(73 * time.Hour) })
			defer e.db.SetClock(time.Now)
			if resp, body := e.do(t, "GET", late, ""); resp.StatusCode != 422 || !strings.Contains(body, "Срок действия приглашения истёк") {
				t.Fatalf("expired link: %d %s", resp.StatusCode, trim(body))
			}
			_ = ctx
		})
	}
}

// providerOf is one provider organization of the admin's municipality.
func providerOf(t *testing.T, e *env, admin []string) int64 {
	t.Helper()
	for _, o := range call(t, e, admin, "GET", "/api/v1/admin/organizations", "", 200)["items"].([]any) {
		if o := o.(map[string]any); o["is_provider"] == true {
			return id(o)
		}
	}
	t.Fatal("no provider")
	return 0
}
