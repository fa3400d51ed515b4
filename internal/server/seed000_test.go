package server_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"navigator/internal/storetest"
)

// staffToken signs a demo staff account in through the API.
func staffToken(t *testing.T, e *env, email, pw string) []string {
	t.Helper()
	resp, body := login(t, e, email, pw, e.otp(t, email))
	if resp.StatusCode != 200 {
		t.Fatalf("login %s: %d %s", email, resp.StatusCode, body)
	}
	var out struct {
		Token string `json:"token"`
	}
	json.Unmarshal([]byte(body), &out)
	return []string{"Authorization", "Bearer " + out.Token}
}

// call sends a request and decodes the JSON answer, failing on an
// unexpected status.
func call(t *testing.T, e *env, auth []string, method, path, body string, want int) map[string]any {
	t.Helper()
	resp, b := e.do(t, method, path, body, auth...)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, b)
	}
	out := map[string]any{}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") && len(b) > 0 {
		if err := json.Unmarshal([]byte(b), &out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return out
}

func id(m map[string]any) int64 { return int64(m["id"].(float64)) }

// TestSeed000ThroughAPI runs the memo's seven steps: a certificate of
// accounting for a parent who refuses to give personal data.
func TestSeed000ThroughAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			mun := int64(me["municipality_id"].(float64))

			// 1. Register the site user with the office's prepared e-mail.
			u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %d, "last_name": "Без",
				"first_name": "Внесения", "patronymic": "Данных", "phone": "+7 (111) 111-11-11", "email": "Example@Example.com",
				"password": "prepared by the office"}`, mun), 201)
			if u["email"] != "example@example.com" || u["resident_rf"] != true {
				t.Fatalf("user %v", u)
			}
			// 2. A child with only the birth date and sex.
			c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)), `{"birth_date": "2018-01-01", "sex": "male"}`, 201)
			// 3. Untick «Резидент РФ».
			u = call(t, e, op, "PATCH", fmt.Sprintf("/api/v1/admin/site-users/%d", id(u)), `{"resident_rf": false}`, 200)
			if u["resident_rf"] != false {
				t.Fatalf("resident_rf stayed %v", u["resident_rf"])
			}
			// 4–5. «Подтвердить», «Да» without SNILS.
			c = call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/confirm", id(c)), `{}`, 200)
			conf, _ := c["confirmation"].(map[string]any)
			if c["confirmed"] != true || conf == nil || !strings.Contains(conf["organization_name"].(string), "Центральный") {
				t.Fatalf("confirmation %v", c)
			}
			// 6–7. «Выдать сертификат», «Сертификат учёта», «Сохранить».
			cert := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", id(c)), `{"type": "accounting"}`, 201)
			number, _ := cert["number"].(string)
			if !regexp.MustCompile(`^5501\d{6}$`).MatchString(number) || cert["type"] != "accounting" {
				t.Fatalf("certificate %v", cert)
			}
			// A number is issued once.
			call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/children/%d/certificate", id(c)), `{"type": "financing"}`, 409)
			// The type changes, the number stays.
			cert2 := call(t, e, op, "PATCH", "/api/v1/admin/certificates/"+number, `{"type": "financing"}`, 200)
			if cert2["number"] != number || cert2["type"] != "financing" || cert2["balance"] != "25000.00" {
				t.Fatalf("changed certificate %v", cert2)
			}
			// The blank prints.
			resp, pdf := e.do(t, "GET", "/api/v1/admin/certificates/"+number+"/pdf", "", op...)
			if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF-") {
				t.Fatalf("pdf: %d", resp.StatusCode)
			}
		})
	}
}

func TestConfirmRules(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
			me := call(t, e, op, "GET", "/api/v1/me", "", 200)
			u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Семёнова",
				"first_name": "Алёна", "patronymic": "Петровна", "phone": "89123456789", "email": "alena@example.ru", "password": ""}`, me["municipality_id"]), 201)
			c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)),
				`{"last_name": "Семёнов", "first_name": "Фёдор", "birth_date": "2016-05-20", "sex": "male"}`, 201)
			path := fmt.Sprintf("/api/v1/admin/children/%d", id(c))
			// Accounting before confirmation: 422.
			call(t, e, op, "POST", path+"/certificate", `{"type": "accounting"}`, 422)
			// A resident's child needs a valid СНИЛС.
			if p := call(t, e, op, "POST", path+"/confirm", `{}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "snils") {
				t.Fatalf("no snils error: %v", p)
			}
			if p := call(t, e, op, "POST", path+"/confirm", `{"snils": "112-233-445 96"}`, 422); !strings.Contains(fmt.Sprint(p["errors"]), "checksum") {
				t.Fatalf("bad checksum accepted: %v", p)
			}
			c = call(t, e, op, "POST", path+"/confirm", `{"snils": "112-233-445 95"}`, 200)
			if c["confirmed"] != true || c["snils"] != "112-233-445 95" {
				t.Fatalf("confirmed child %v", c)
			}
			call(t, e, op, "POST", path+"/confirm", `{}`, 409)
			// The same СНИЛС on another child is refused.
			c2 := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)), `{"birth_date": "2019-01-01", "sex": "female"}`, 201)
			call(t, e, op, "PATCH", fmt.Sprintf("/api/v1/admin/children/%d", id(c2)), `{"snils": "11223344595"}`, 422)
			// Birth dates in the future or 18+ years ago are refused.
			call(t, e, op, "PATCH", path, `{"birth_date": "2099-01-01"}`, 422)
			call(t, e, op, "PATCH", path, `{"birth_date": "2001-01-01"}`, 422)
			// A financing nominal over the municipality's or negative.
			call(t, e, op, "POST", path+"/certificate", `{"type": "financing", "nominal": "999999.00"}`, 422)
			call(t, e, op, "POST", path+"/certificate", `{"type": "financing", "nominal": "-1.00"}`, 422)
			cert := call(t, e, op, "POST", path+"/certificate", `{"type": "financing"}`, 201)
			if cert["nominal"] != "25000.00" || cert["balance"] != "25000.00" {
				t.Fatalf("default nominal %v", cert)
			}
			// The parent's e-mail is taken.
			call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "А", "first_name": "Б",
				"phone": "+79990000000", "email": "ALENA@example.ru"}`, me["municipality_id"]), 409)
			// Lists and other roles see the СНИЛС masked; the audit saw every read.
			admin := staffToken(t, e, "region@demo.example.ru", "demo-region-2026")
			audit := call(t, e, admin, "GET", fmt.Sprintf("/api/v1/admin/audit?subject=child:%d", id(c)), "", 200)
			if !strings.Contains(fmt.Sprint(audit["items"]), "child.confirm") || !strings.Contains(fmt.Sprint(audit["items"]), "certificate.issue") {
				t.Fatalf("audit %v", audit)
			}
			call(t, e, op, "GET", fmt.Sprintf("/api/v1/admin/audit?subject=child:%d", id(c)), "", 403)
		})
	}
}

func TestScopeOfFamilies(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "sqlite")
	op := staffToken(t, e, "operator@demo.example.ru", "demo-operator-2026")
	other := staffToken(t, e, "operator.zarechny@demo.example.ru", "demo-operator2-2026")
	provider := staffToken(t, e, "provider@demo.example.ru", "demo-provider-2026")
	me := call(t, e, op, "GET", "/api/v1/me", "", 200)
	u := call(t, e, op, "POST", "/api/v1/admin/site-users", fmt.Sprintf(`{"municipality_id": %.0f, "last_name": "Ёлкина",
		"first_name": "Анна", "phone": "+79991112233", "email": "orlova@example.ru"}`, me["municipality_id"]), 201)
	c := call(t, e, op, "POST", fmt.Sprintf("/api/v1/admin/site-users/%d/children", id(u)), `{"birth_date": "2015-03-03", "sex": "female"}`, 201)
	for _, path := range []string{fmt.Sprintf("/api/v1/admin/site-users/%d", id(u)), fmt.Sprintf("/api/v1/admin/children/%d", id(c))} {
		call(t, e, other, "GET", path, "", 404)
		call(t, e, provider, "GET", path, "", 403)
		call(t, e, nil, "GET", path, "", 401)
	}
	list := call(t, e, other, "GET", "/api/v1/admin/site-users?q=orlova", "", 200)
	if list["total"].(float64) != 0 {
		t.Fatalf("another municipality's operator found the family: %v", list)
	}
	list = call(t, e, op, "GET", "/api/v1/admin/site-users?q="+urlq("ЁЛКИНА"), "", 200)
	if list["total"].(float64) != 1 {
		t.Fatalf("surname search in another case: %v", list)
	}
}
