package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// pageSession signs a demo account in through the sign-in form, as a
// browser would, and returns its session cookie as a header.
func pageSession(t *testing.T, e *env, email, pw string) []string {
	t.Helper()
	form := url.Values{"email": {email}, "password": {pw}, "otp": {e.otp(t, email)}}
	status, loc, _, cookies := e.page(t, nil, "POST", "/login", form)
	if status == http.StatusUnauthorized {
		// The code's 30-second step may have passed out of the server's
		// window while the password was checked: once more, with the next.
		form.Set("otp", e.otp(t, email))
		status, loc, _, cookies = e.page(t, nil, "POST", "/login", form)
	}
	if status != http.StatusSeeOther || loc != "/admin" {
		t.Fatalf("sign in %s: %d → %q", email, status, loc)
	}
	for _, c := range cookies {
		if c.Name == "navigator_session" {
			return []string{"Cookie", c.Name + "=" + c.Value}
		}
	}
	t.Fatalf("sign in %s: no session cookie", email)
	return nil
}

// page sends a page request without following redirects: the status, the
// Location, the body and the cookies set.
func (e *env) page(t *testing.T, session []string, method, path string, form url.Values) (int, string, string, []*http.Cookie) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(session); i += 2 {
		req.Header.Set(session[i], session[i+1])
	}
	client := &http.Client{Transport: e.srv.Client().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b), resp.Cookies()
}

// pageStep is one request of a page scenario. Paths, form values and
// expectations may name {variables} that earlier steps saved.
type pageStep struct {
	name     string
	who      string // a key of the sessions; "" for anonymous
	method   string // GET unless a form is given
	path     string
	form     url.Values
	status   int
	location string   // the start of the Location of a redirect
	contains []string // in the body
	lacks    []string
	save     map[string]string // variable → regexp over Location and body; its first group
}

func runPageSteps(t *testing.T, e *env, sessions map[string][]string, vars map[string]string, steps []pageStep) {
	t.Helper()
	expand := func(s string) string {
		for k, v := range vars {
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		return s
	}
	for _, st := range steps {
		method, path := st.method, expand(st.path)
		var form url.Values
		if st.form != nil {
			form = url.Values{}
			for k, vs := range st.form {
				for _, v := range vs {
					form.Add(k, expand(v))
				}
			}
			if method == "" {
				method = "POST"
			}
		}
		if method == "" {
			method = "GET"
		}
		status, loc, body, _ := e.page(t, sessions[st.who], method, path, form)
		if status != st.status {
			t.Fatalf("%s: %s %s as %q: %d, want %d; Location %q; %s", st.name, method, path, st.who, status, st.status, loc, trim(pageMain(body)))
		}
		if st.location != "" && !strings.HasPrefix(loc, expand(st.location)) {
			t.Errorf("%s: Location %q, want %q…", st.name, loc, expand(st.location))
		}
		for _, s := range st.contains {
			if s = expand(s); !strings.Contains(body, s) {
				t.Errorf("%s: the page lacks %q: %s", st.name, s, trim(pageMain(body)))
			}
		}
		for _, s := range st.lacks {
			if s = expand(s); strings.Contains(body, s) {
				t.Errorf("%s: the page has %q", st.name, s)
			}
		}
		for k, re := range st.save {
			m := regexp.MustCompile(re).FindStringSubmatch(loc + "\n" + body)
			if m == nil {
				t.Fatalf("%s: nothing for {%s} matches %s in %q %s", st.name, k, re, loc, trim(pageMain(body)))
			}
			vars[k] = m[1]
		}
	}
}

// pageMain is a page without its header, for shorter failure messages.
func pageMain(body string) string {
	if _, after, ok := strings.Cut(body, `<main class="admin-main">`); ok {
		return after
	}
	return body
}

// TestAdminPages goes through the pages of the municipal and regional
// admins as each role: each page opens in Russian for the roles it is
// for and is refused to the others; a form with a mistake answers 422
// with the message beside the field and what was typed kept; a good form
// redirects (303) and the change shows.
func TestAdminPages(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			ms, err := e.db.Municipalities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{}
			var own, foreign int64
			for _, m := range ms {
				switch m.Code {
				case "01":
					own, vars["own"], vars["own_name"] = m.ID, strconv.FormatInt(m.ID, 10), m.Name
				case "02":
					foreign, vars["foreign"] = m.ID, strconv.FormatInt(m.ID, 10)
				}
			}
			st, err := e.db.MunicipalitySettings(ctx, own)
			if err != nil || st.FinancingIssued == 0 {
				t.Fatalf("settings of the demo municipality: %+v %v", st, err)
			}
			vars["issued"], vars["quota"] = strconv.Itoa(st.FinancingIssued), strconv.Itoa(st.FinancingIssued+5)
			orgs, err := e.db.Organizations(ctx, foreign)
			if err != nil || len(orgs) == 0 {
				t.Fatalf("organizations of the other municipality: %v", err)
			}
			vars["foreign_org"], vars["foreign_org_name"] = strconv.FormatInt(orgs[0].ID, 10), orgs[0].Name
			for key, email := range map[string]string{"operator": "operator@demo.example.ru", "foreign_operator": "operator.zarechny@demo.example.ru"} {
				rows, err := e.db.StaffList(ctx, store.StaffFilter{Query: email})
				if err != nil || len(rows) != 1 {
					t.Fatalf("staff %s: %v %v", email, rows, err)
				}
				vars[key] = strconv.FormatInt(rows[0].ID, 10)
			}
			ownOrgs, err := e.db.Organizations(ctx, own)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range ownOrgs {
				if o.IsCertificateOffice {
					vars["office"] = strconv.FormatInt(o.ID, 10)
				}
			}
			sessions := map[string][]string{
				"region":    pageSession(t, e, "region@demo.example.ru", "demo-region-2026"),
				"municipal": pageSession(t, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026"),
				"operator":  pageSession(t, e, "operator@demo.example.ru", "demo-operator-2026"),
				"provider":  pageSession(t, e, "provider@demo.example.ru", "demo-provider-2026"),
			}
			settings := func(nominal, quota string) url.Values {
				return url.Values{"financing_nominal": {nominal}, "financing_quota": {quota}, "budget_limit": {"3"},
					"financing_to_accounting_days": {"60"}, "children_total": {"21400"}}
			}
			org := func(inn string, office bool, person string) url.Values {
				v := url.Values{"name": {"Центр детского творчества «Радуга»"}, "short_name": {"ЦДТ «Радуга»"},
					"type": {"Учреждение дополнительного образования"}, "inn": {inn}, "address": {"ул. Садовая, 5"},
					"phone": {"+7 (999) 123-45-67"}, "email": {"raduga@example.ru"}, "schedule": {"пн–пт 9:00–18:00"},
					"is_provider": {"on"}, "person_name_0": {person}, "person_position_0": {""},
					"person_phone_0": {""}, "person_email_0": {""}, "person_name_1": {""}, "person_position_1": {""},
					"person_phone_1": {""}, "person_email_1": {""}}
				if office {
					v.Set("is_certificate_office", "on")
				}
				if person != "" {
					v.Set("person_position_0", "Директор")
				}
				return v
			}
			invite := func(email, role, orgID string) url.Values {
				return url.Values{"email": {email}, "full_name": {"Новикова Нина Ильинична"}, "phone": {""}, "role": {role},
					"organization_id": {orgID}, "municipality_id": {""}}
			}
			period := func(name, starts, ends string) url.Values {
				return url.Values{"name": {name}, "starts_on": {starts}, "ends_on": {ends},
					"enrollment_opens_at": {"2040-08-01T09:00"}, "enrollment_ends_at": {"2040-09-15T18:00"}}
			}
			runPageSteps(t, e, sessions, vars, []pageStep{
				// Navigation.
				{name: "municipal nav", who: "municipal", path: "/admin/site-users", status: 200,
					contains: []string{`href="/admin/organizations">Организации`, `href="/admin/staff">Сотрудники`,
						`href="/admin/municipality-settings">Настройки муниципалитета`, "Пользователи сайта", "Отчёты"},
					lacks: []string{`href="/admin/municipalities"`}},
				{name: "regional nav", who: "region", path: "/admin/site-users", status: 200,
					contains: []string{"Муниципалитеты", "Направленности", "Периоды", "Сертификация программ", "Реестры программ", "Журнал аудита"}},
				{name: "operator nav", who: "operator", path: "/admin/site-users", status: 200, lacks: []string{`href="/admin/staff"`}},
				{name: "anonymous", path: "/admin/municipality-settings", status: 303, location: "/login"},

				// «Настройки муниципалитета».
				{name: "settings", who: "municipal", path: "/admin/municipality-settings", status: 200,
					contains: []string{"<h1>Настройки муниципалитета</h1>", "{own_name}", "Выдано сертификатов финансирования",
						"Ждут места в очереди", `value="25 000,00"`}},
				{name: "settings: operator", who: "operator", path: "/admin/municipality-settings", status: 403},
				{name: "settings: provider posts", who: "provider", path: "/admin/municipality-settings", form: settings("25000", "{quota}"), status: 403},
				{name: "settings: another municipality", who: "municipal", path: "/admin/municipalities/{foreign}/settings", status: 404},
				{name: "settings: regional chooses", who: "region", path: "/admin/municipality-settings", status: 200,
					contains: []string{`href="/admin/municipalities/{own}/settings"`, "{own_name}"}},
				{name: "ceiling: shown", who: "region", path: "/admin/municipality-settings", status: 200,
					contains: []string{"<h2>Предел номинала</h2>", "не больше <strong>100 000,00 ₽</strong>", `value="100 000,00"`}},
				{name: "ceiling: below a set nominal", who: "region", path: "/admin/nominal-ceiling",
					form: url.Values{"financing_nominal_ceiling": {"20 000"}}, status: 422,
					contains: []string{"номинал уже 25 000,00 ₽: предел не может быть ниже", `value="20 000"`}},
				{name: "ceiling: municipal may not", who: "municipal", path: "/admin/nominal-ceiling",
					form: url.Values{"financing_nominal_ceiling": {"200000"}}, status: 403},
				{name: "ceiling: saved", who: "region", path: "/admin/nominal-ceiling", form: url.Values{"financing_nominal_ceiling": {"60 000,00"}},
					status: 303, location: "/admin/municipality-settings?done=ceiling_saved"},
				{name: "ceiling: above it", who: "municipal", path: "/admin/municipality-settings", form: settings("60 000,01", "{quota}"), status: 422,
					contains: []string{"Номинал выше предела, установленного регионом: не больше 60 000,00 ₽.", `value="60 000,01"`}},
				{name: "settings: regional opens one", who: "region", path: "/admin/municipalities/{foreign}/settings", status: 200,
					contains: []string{`action="/admin/municipalities/{foreign}/settings"`}},
				{name: "settings: quota below issued", who: "municipal", path: "/admin/municipality-settings", form: settings("26 000,00", "0"), status: 422,
					contains: []string{"Квота меньше числа уже выданных сертификатов финансирования ({issued})", `value="26 000,00"`, `value="21400"`}},
				{name: "settings: not money", who: "municipal", path: "/admin/municipality-settings", form: settings("двадцать тысяч", "{quota}"), status: 422,
					contains: []string{"Сумма в рублях", `value="двадцать тысяч"`, `value="{quota}"`}},
				{name: "settings: saved", who: "municipal", path: "/admin/municipality-settings", form: settings("25 000,00", "{quota}"), status: 303,
					location: "/admin/municipality-settings?done=settings_saved"},
				{name: "settings: shown", who: "municipal", path: "/admin/municipality-settings?done=settings_saved", status: 200,
					contains: []string{"Изменения сохранены", `id="f-financing_quota" name="financing_quota" type="number" value="{quota}"`, "из квоты {quota}"}},

				// «Сотрудники».
				{name: "staff", who: "municipal", path: "/admin/staff", status: 200,
					contains: []string{"<h1>Сотрудники</h1>", "operator@demo.example.ru", "Оператор уполномоченной организации", "Подключён"},
					lacks:    []string{"operator.zarechny@demo.example.ru"}},
				{name: "staff: region sees all", who: "region", path: "/admin/staff?q=operator.zarechny", status: 200,
					contains: []string{"operator.zarechny@demo.example.ru"}, lacks: []string{"blestyashchiy@demo.example.ru"}},
				{name: "staff: operator", who: "operator", path: "/admin/staff", status: 403},
				{name: "staff: invitation form", who: "municipal", path: "/admin/staff/new", status: 200,
					contains: []string{"<h1>Пригласить сотрудника</h1>", `value="operator"`, `value="provider"`}, lacks: []string{`value="regional_admin"`}},
				{name: "staff: regional invites any role", who: "region", path: "/admin/staff/new", status: 200,
					contains: []string{`value="regional_admin"`, `value="municipal_admin"`, `id="f-municipality_id"`}},
				{name: "staff: bad e-mail", who: "municipal", path: "/admin/staff", form: invite("not-an-email", "operator", "{office}"), status: 422,
					contains: []string{"Укажите адрес электронной почты", `value="Новикова Нина Ильинична"`, `value="not-an-email"`}},
				{name: "staff: another municipality's organization", who: "municipal", path: "/admin/staff",
					form: invite("nina@example.ru", "operator", "{foreign_org}"), status: 422,
					contains: []string{"Приглашать можно только сотрудников организаций своего муниципалитета"}},
				{name: "staff: no organization", who: "municipal", path: "/admin/staff", form: invite("nina@example.ru", "operator", ""), status: 422,
					contains: []string{`id="e-organization_id"`, "Для этой роли укажите организацию."}},
				{name: "staff: invited", who: "municipal", path: "/admin/staff", form: invite("nina@example.ru", "operator", "{office}"), status: 303,
					location: "/admin/staff/", save: map[string]string{"nina": `^/admin/staff/(\d+)\?done=invited`}},
				{name: "staff: card of the invited", who: "municipal", path: "/admin/staff/{nina}?done=invited", status: 200,
					contains: []string{"Приглашение отправлено", "nina@example.ru", "Не подключён", "Отключить", "Отправить новое приглашение", "Открытых сеансов нет"}},
				{name: "staff: in the list", who: "municipal", path: "/admin/staff?q=nina", status: 200, contains: []string{"Приглашение не принято"}},
				{name: "staff: reinvite", who: "municipal", path: "/admin/staff/{nina}/reinvite", form: url.Values{}, status: 303,
					location: "/admin/staff/{nina}?done=reinvited"},
				{name: "staff: regional invites a municipal admin", who: "region", path: "/admin/staff",
					form:   url.Values{"email": {"admin2@example.ru"}, "full_name": {"Белова Анна"}, "role": {"municipal_admin"}, "municipality_id": {"{foreign}"}},
					status: 303, location: "/admin/staff/"},
				{name: "staff: another municipality's card", who: "municipal", path: "/admin/staff/{foreign_operator}", status: 404},
				{name: "staff: the operator's sessions", who: "municipal", path: "/admin/staff/{operator}", status: 200,
					contains: []string{"<h2>Сеансы</h2>", "Завершить", "127.0.0.1"},
					save:     map[string]string{"ref": `/admin/staff/\d+/sessions/([0-9a-f]{16})/end`}},
				{name: "staff: end the session", who: "municipal", path: "/admin/staff/{operator}/sessions/{ref}/end", form: url.Values{}, status: 303,
					location: "/admin/staff/{operator}?done=session_ended"},
				{name: "staff: the session is over", who: "operator", path: "/admin/site-users", status: 303, location: "/login"},
				{name: "staff: disable", who: "municipal", path: "/admin/staff/{operator}/disable", form: url.Values{}, status: 303,
					location: "/admin/staff/{operator}?done=staff_disabled"},
				{name: "staff: disabled", who: "municipal", path: "/admin/staff/{operator}?done=staff_disabled", status: 200,
					contains: []string{"Учётная запись отключена", "Отключена: войти нельзя", ">Включить</button>"}},
				{name: "staff: no buttons on oneself", who: "region", path: "/admin/staff?q=region", status: 200, save: map[string]string{"me": `/admin/staff/(\d+)"`}},
				{name: "staff: own card", who: "region", path: "/admin/staff/{me}", status: 200, lacks: []string{"Отключить", "Отправить новое приглашение"}},

				// «Организации».
				{name: "organizations", who: "municipal", path: "/admin/organizations", status: 200,
					contains: []string{"<h1>Организации</h1>", "Выдаёт сертификаты", "Ведёт программы"}, lacks: []string{"{foreign_org_name}"}},
				{name: "organizations: the disabled operator", who: "operator", path: "/admin/organizations", status: 303, location: "/login"},
				{name: "organizations: provider", who: "provider", path: "/admin/organizations", status: 403},
				{name: "organizations: region filters", who: "region", path: "/admin/organizations?municipality_id={foreign}", status: 200,
					contains: []string{"{foreign_org_name}"}},
				{name: "organization: form", who: "municipal", path: "/admin/organizations/new", status: 200,
					contains: []string{"<h1>Новая организация</h1>", "Выдаёт сертификаты (уполномоченная организация)", "Учреждение дополнительного образования", `name="person_name_2"`}},
				{name: "organization: office without a person", who: "municipal", path: "/admin/organizations", form: org("7707083893", true, ""), status: 422,
					contains: []string{"Укажите хотя бы одно ответственное лицо.", `value="Центр детского творчества «Радуга»"`, `value="raduga@example.ru"`}},
				{name: "organization: bad INN", who: "municipal", path: "/admin/organizations", form: org("1234567890", false, "Иванова Мария Петровна"), status: 422,
					contains: []string{"ИНН — 10 цифр", `value="1234567890"`, `value="Иванова Мария Петровна"`}},
				{name: "organization: saved", who: "municipal", path: "/admin/organizations", form: org("7707083893", true, "Иванова Мария Петровна"), status: 303,
					location: "/admin/organizations/", save: map[string]string{"org": `^/admin/organizations/(\d+)\?done=org_saved`}},
				{name: "organization: shown", who: "municipal", path: "/admin/organizations/{org}?done=org_saved", status: 200,
					contains: []string{"Организация сохранена", `value="Иванова Мария Петровна"`, `value="Директор"`, `name="is_certificate_office" value="on" checked`}},
				{name: "organization: in the list", who: "municipal", path: "/admin/organizations", status: 200,
					contains: []string{"Центр детского творчества «Радуга»", "Иванова Мария Петровна, Директор"}},
				{name: "organization: changed", who: "municipal", path: "/admin/organizations/{org}", form: org("7707083893", false, "Иванова Мария Петровна"), status: 303,
					location: "/admin/organizations/{org}?done=org_saved"},
				{name: "organization: no longer an office", who: "municipal", path: "/admin/organizations/{org}", status: 200,
					contains: []string{`name="is_provider" value="on" checked`}, lacks: []string{`name="is_certificate_office" value="on" checked`}},
				{name: "organization: regional admin names the municipality", who: "region", path: "/admin/organizations", form: org("7707083893", false, "Петров Пётр"), status: 422,
					contains: []string{"Укажите муниципалитет.", `id="f-municipality_id"`}},
				{name: "organization: another municipality's", who: "municipal", path: "/admin/organizations/{foreign_org}", status: 404},

				// «Муниципалитеты».
				{name: "municipalities: operator", who: "provider", path: "/admin/municipalities", status: 403},
				{name: "municipalities: municipal admin", who: "municipal", path: "/admin/municipalities", status: 403},
				{name: "municipalities", who: "region", path: "/admin/municipalities", status: 200,
					contains: []string{"<h1>Муниципалитеты</h1>", "{own_name}", `href="/admin/municipalities/{own}/settings"`}},
				{name: "municipalities: bad code", who: "region", path: "/admin/municipalities", form: url.Values{"code": {"7"}, "name": {"Новоозёрный округ"}}, status: 422,
					contains: []string{"Код муниципалитета — две цифры", `value="Новоозёрный округ"`}},
				{name: "municipalities: added", who: "region", path: "/admin/municipalities", form: url.Values{"code": {"77"}, "name": {"Новоозёрный округ"}}, status: 303,
					location: "/admin/municipalities?done=municipality_add"},
				{name: "municipalities: code in use", who: "region", path: "/admin/municipalities/{own}", form: url.Values{"code": {"55"}, "name": {"{own_name}"}}, status: 422,
					contains: []string{"Код нельзя менять", `value="55"`}},
				{name: "municipalities: shown", who: "region", path: "/admin/municipalities?done=municipality_add", status: 200,
					contains: []string{"Муниципалитет добавлен.", "Новоозёрный округ"}},

				// «Направленности».
				{name: "directions", who: "region", path: "/admin/directions", status: 200, contains: []string{"<h1>Направленности</h1>", "Физкультурно-спортивная", "Переименовать"}},
				{name: "directions: provider reads", who: "provider", path: "/admin/directions", status: 200, lacks: []string{"Переименовать"}},
				{name: "directions: provider renames", who: "provider", path: "/admin/directions/sport", form: url.Values{"name": {"Спорт"}}, status: 403},
				{name: "directions: empty name", who: "region", path: "/admin/directions/sport", form: url.Values{"name": {""}}, status: 422,
					contains: []string{"Название направленности — от 1 до 100 знаков."}},
				{name: "directions: renamed", who: "region", path: "/admin/directions/sport", form: url.Values{"name": {"Спортивная"}}, status: 303,
					location: "/admin/directions?done=direction_renamed"},
				{name: "directions: history", who: "region", path: "/admin/directions", status: 200,
					contains: []string{`value="Спортивная"`, "<td>Физкультурно-спортивная<br></td>"}},

				// «Периоды».
				{name: "periods", who: "region", path: "/admin/periods", status: 200, contains: []string{"<h1>Периоды</h1>", "текущий", "Новый период"}},
				{name: "periods: provider reads", who: "provider", path: "/admin/periods", status: 200, lacks: []string{"Новый период"}},
				{name: "periods: dates reversed", who: "region", path: "/admin/periods", form: period("2040/2041 учебный год", "2041-05-31", "2040-09-01"), status: 422,
					contains: []string{"Период заканчивается позже, чем начинается.", `value="2040/2041 учебный год"`, `value="2040-08-01T09:00"`}},
				{name: "periods: not a date", who: "region", path: "/admin/periods", form: period("2040/2041 учебный год", "осенью", "2041-05-31"), status: 422,
					contains: []string{"Дата — в виде ДД.ММ.ГГГГ.", `value="осенью"`}},
				{name: "periods: added", who: "region", path: "/admin/periods", form: period("2040/2041 учебный год", "2040-09-01", "2041-05-31"), status: 303,
					location: "/admin/periods?done=period_saved", save: map[string]string{"period": `#p-(\d+)`}},
				{name: "periods: shown", who: "region", path: "/admin/periods?done=period_saved", status: 200,
					contains: []string{"Период сохранён.", "с 01.09.2040 по 31.05.2041", "Приём заявок с 01.08.2040 09:00 по 15.09.2040 18:00", "Приём заявок с 20.08.2026 09:00 по 31.05.2027</td>"}},
				{name: "periods: edit form", who: "region", path: "/admin/periods/{period}", status: 200,
					contains: []string{`value="2040-09-01"`, `value="2040-08-01T09:00"`, `action="/admin/periods/{period}"`}},
				{name: "periods: renamed", who: "region", path: "/admin/periods/{period}", form: period("2040/41 учебный год", "2040-09-01", "2041-05-31"), status: 303},

				// «Журнал аудита».
				{name: "audit: municipal admin", who: "municipal", path: "/admin/audit?person=" + urlq("Орлов"), status: 200, contains: []string{"по вашему муниципалитету", `value="Орлов"`, "Орлов Павел Андреевич (администратор муниципалитета)"}},
				{name: "audit", who: "region", path: "/admin/audit", status: 200,
					contains: []string{"<h1>Журнал аудита</h1>", "Изменены настройки муниципалитета", "Приглашён сотрудник", "Орлов Павел Андреевич (администратор муниципалитета)"}},
				{name: "audit: filtered", who: "region", path: "/admin/audit?action=organization.create", status: 200,
					contains: []string{"Добавлена организация", `href="/admin/organizations/{org}"`}, lacks: []string{"<td>Изменены настройки муниципалитета</td>"}},
				{name: "audit: bad date", who: "region", path: "/admin/audit?from=вчера", status: 422,
					contains: []string{"Дата — в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.", `value="вчера"`}},
			})

			// «Сертификация программ» and «Реестры программ»: the provider
			// writes a program and sends it for certification.
			runPageSteps(t, e, sessions, vars, []pageStep{
				{name: "program", who: "provider", path: "/admin/programs", form: url.Values{"title": {"Конструирование роботов «Пиксель»"}, "direction": {"technical"},
					"age_from": {"8"}, "age_to": {"14"}, "registry": {"paid"}, "price_per_month": {"3000"}, "normative_cost": {"2800"}, "address": {"ул. Садовая, 5"}},
					status: 303, save: map[string]string{"program": `^/admin/programs/(\d+)`}},
				{name: "not ready to publish", who: "provider", path: "/admin/programs/{program}/status", form: url.Values{"status": {"published"}}, status: 422,
					contains: []string{"Программу пока нельзя опубликовать — нужно ещё:", "Опишите программу для родителей", "Добавьте хотя бы одну группу", `<details class="panel" id="edit" open>`},
					save:     map[string]string{"module": `name="module_id_0" value="(\d+)"`}},
				{name: "group with two lessons", who: "provider", path: "/admin/programs/{program}/groups", form: url.Values{"name": {"Группа 1"}, "capacity": {"12"},
					"starts_on": {"2026-09-01"}, "ends_on": {"2027-05-31"}, "teacher": {""}, "weekday_0": {"2"}, "start_0": {"16:00"}, "end_0": {"17:30"}, "room_0": {"каб. 5"},
					"weekday_1": {"4"}, "start_1": {"16:00"}, "end_1": {"17:30"}, "room_1": {"каб. 5"}, "weekday_2": {"1"}, "start_2": {""}, "end_2": {""}, "room_2": {""}}, status: 303},
				{name: "edit: a bad price keeps what was typed", who: "provider", path: "/admin/programs/{program}", form: url.Values{"title": {"Конструирование роботов «Пиксель»"},
					"description": {"Собираем роботов из конструкторов и учимся их программировать."}, "direction": {"technical"}, "age_from": {"8"}, "age_to": {"14"},
					"registry": {"paid"}, "form_of_study": {"full_time"}, "address": {"ул. Садовая, 5"}, "module_id_0": {"{module}"}, "module_name_0": {"1-й год"},
					"module_hours_0": {"72"}, "module_months_0": {"9"}, "module_price_0": {"три тысячи"}, "module_normative_0": {"2800"}, "module_min_0": {"1"}, "module_max_0": {"15"}},
					status: 422, contains: []string{"Сумма в рублях", `value="три тысячи"`, "Собираем роботов"}},
				{name: "edit: saved with a second module", who: "provider", path: "/admin/programs/{program}", form: url.Values{"title": {"Конструирование роботов «Пиксель»"},
					"description": {"Собираем роботов из конструкторов и учимся их программировать."}, "direction": {"technical"}, "age_from": {"8"}, "age_to": {"14"},
					"registry": {"paid"}, "form_of_study": {"full_time"}, "address": {"ул. Садовая, 5"}, "module_id_0": {"{module}"}, "module_name_0": {"1-й год"},
					"module_hours_0": {"72"}, "module_months_0": {"9"}, "module_price_0": {"3200"}, "module_normative_0": {"2800"}, "module_min_0": {"1"}, "module_max_0": {"15"},
					"module_name_1": {"2-й год"}, "module_hours_1": {"72"}, "module_months_1": {"9"}, "module_price_1": {"3400"}, "module_normative_1": {"2800"},
					"module_min_1": {"1"}, "module_max_1": {"15"}}, status: 303},
				{name: "edited", who: "provider", path: "/admin/programs/{program}", status: 200,
					contains: []string{`value="2-й год"`, "value=\"3\u00a0400,00\"", "Собираем роботов из конструкторов"},
					save:     map[string]string{"group": `href="/admin/programs/\d+/groups/(\d+)"`}},
				{name: "group: no seats", who: "provider", path: "/admin/programs/{program}/groups/{group}", form: url.Values{"name": {"Группа 1"}, "capacity": {"0"},
					"accepting": {"on"}, "weekday_0": {"2"}, "start_0": {"16:00"}, "end_0": {"17:30"}, "room_0": {"каб. 5"}}, status: 422,
					contains: []string{"Число мест — целое число больше нуля.", `value="каб. 5"`}},
				{name: "group: a third lesson", who: "provider", path: "/admin/programs/{program}/groups/{group}", form: url.Values{"name": {"Группа 1"}, "capacity": {"14"},
					"accepting": {"on"}, "weekday_0": {"2"}, "start_0": {"16:00"}, "end_0": {"17:30"}, "room_0": {"каб. 5"},
					"weekday_1": {"4"}, "start_1": {"16:00"}, "end_1": {"17:30"}, "room_1": {"каб. 5"},
					"weekday_2": {"6"}, "start_2": {"11:00"}, "end_2": {"12:30"}, "room_2": {"актовый зал"}}, status: 303},
				{name: "group: edited", who: "provider", path: "/admin/programs/{program}/groups/{group}", status: 200,
					contains: []string{`value="14"`, `value="актовый зал"`, `<option value="6" selected>Сб</option>`}},
				{name: "published", who: "provider", path: "/admin/programs/{program}/status", form: url.Values{"status": {"published"}}, status: 303},
				{name: "in the catalog with both lessons and the whole course", path: "/programs/{program}", status: 200,
					contains: []string{"<td>Вт</td>", "<td>Чт</td>", "каб. 5"}},
				{name: "sent", who: "provider", path: "/admin/programs/{program}/certification", form: url.Values{}, status: 303},
				{name: "certification: provider", who: "provider", path: "/admin/certification", status: 403},
				{name: "certification: municipal admin", who: "municipal", path: "/admin/certification", status: 403},
				{name: "certification: queue", who: "region", path: "/admin/certification", status: 200,
					contains: []string{"<h1>Сертификация программ</h1>", "Конструирование роботов «Пиксель»", "Сертифицировать", "Отказать"}},
				{name: "certification: refusal without a reason", who: "region", path: "/admin/certification/{program}", form: url.Values{"decision": {"refuse"}, "reason": {" "}},
					status: 422, contains: []string{"Укажите причину отказа"}},
				{name: "registries: not yet", who: "region", path: "/admin/registries?registry=certified&q=пиксель", status: 200,
					contains: []string{"<h1>Реестры программ</h1>"}, lacks: []string{"Конструирование роботов «Пиксель»"}},
				{name: "certification: accepted", who: "region", path: "/admin/certification/{program}", form: url.Values{"decision": {"accept"}}, status: 303,
					location: "/admin/certification?done=cert_accepted"},
				{name: "certification: decided twice", who: "region", path: "/admin/certification/{program}", form: url.Values{"decision": {"refuse"}, "reason": {"Нет плана"}},
					status: 409, contains: []string{"Программа не ждёт сертификации."}},
				{name: "certification: accepted list", who: "region", path: "/admin/certification?status=accepted", status: 200,
					contains: []string{"Конструирование роботов «Пиксель»"}},
				{name: "the program", who: "provider", path: "/admin/programs/{program}", status: 200, contains: []string{"Опубликована"}},
				{name: "registries: certified", who: "region", path: "/admin/registries?registry=certified&q=пиксель", status: 200,
					contains: []string{"Конструирование роботов «Пиксель»", "Нормативная стоимость"}},
				{name: "registries: the municipality's", who: "municipal", path: "/admin/registries?registry=certified&q=пиксель", status: 200,
					contains: []string{"Конструирование роботов «Пиксель»"}},
				{name: "registries: another municipality", who: "region", path: "/admin/registries?registry=certified&q=пиксель&municipality_id={foreign}", status: 200,
					lacks: []string{"Конструирование роботов «Пиксель»"}},
				{name: "registries: municipal admin asks for another", who: "municipal", path: "/admin/registries?municipality_id={foreign}", status: 404},
				{name: "registries: budget", who: "municipal", path: "/admin/registries?registry=budget", status: 200, contains: []string{"Бюджетные программы"}},
				{name: "registries: provider", who: "provider", path: "/admin/registries", status: 403},
			})
		})
	}
}

// TestMunicipalitySettingsInBrowser: the municipal admin signs in on a
// phone-sized screen, opens «Настройки муниципалитета», raises the quota
// and saves.
func TestMunicipalitySettingsInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	signIn(t, ctx, e, "blestyashchiy@demo.example.ru", "demo-municipal-2026")
	if resp, err := chromedp.RunResponse(ctx, press("Настройки муниципалитета")); err != nil || resp.Status != 200 {
		t.Fatalf("open the settings: %v %v", resp, err)
	}
	quota, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-financing_quota")))
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(quota)
	if err != nil {
		t.Fatalf("quota %q", quota)
	}
	browsertest.CheckAccessibility(t, ctx, "municipality settings")
	want := strconv.Itoa(n + 10)
	if resp, err := chromedp.RunResponse(ctx, chromedp.SetValue(chromedp.CSS("#f-financing_quota"), want), press("Сохранить")); err != nil || resp.Status != 200 {
		t.Fatalf("save: %v %v", resp, err)
	}
	txt := pageText(t, ctx)
	if !strings.Contains(txt, "Изменения сохранены") || !strings.Contains(txt, fmt.Sprintf("из квоты %s", want)) {
		t.Fatalf("after saving: %s", txt)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-financing_quota"))); v != want {
		t.Fatalf("quota after saving %q, want %s", v, want)
	}
}

// TestNominalCeilingInBrowser: the regional admin sets the ceiling on a
// phone; a ceiling below a nominal already set is explained next to the
// field and what was typed stays.
func TestNominalCeilingInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	signIn(t, ctx, e, "region@demo.example.ru", "demo-region-2026")
	if resp, err := chromedp.RunResponse(ctx, press("Настройки муниципалитета")); err != nil || resp.Status != 200 {
		t.Fatalf("open the settings: %v %v", resp, err)
	}
	browsertest.CheckAccessibility(t, ctx, "region settings")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#f-financing_nominal_ceiling"), "20 000"), press("Сохранить предел"),
		chromedp.WaitVisible(chromedp.CSS("#e-financing_nominal_ceiling"))); err != nil {
		t.Fatal(err)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil && os.Getenv("NAVIGATOR_SHOTS") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("NAVIGATOR_SHOTS"), "ceiling-error-360.png"), shot, 0o600)
	}
	if v, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-financing_nominal_ceiling"))); v != "20 000" {
		t.Fatalf("what was typed was lost: %q", v)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.SetValue(chromedp.CSS("#f-financing_nominal_ceiling"), "60 000"), press("Сохранить предел")); err != nil || resp.Status != 200 {
		t.Fatalf("save: %v %v", resp, err)
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil && os.Getenv("NAVIGATOR_SHOTS") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("NAVIGATOR_SHOTS"), "ceiling-saved-360.png"), shot, 0o600)
	}
	txt := pageText(t, ctx)
	if !strings.Contains(txt, "Предел номинала сохранён") || !regexp.MustCompile(`не больше[\s\x{00a0}]60[\s\x{00a0}]000,00[\s\x{00a0}]₽`).MatchString(txt) {
		t.Fatalf("after saving: %s", txt)
	}
}
