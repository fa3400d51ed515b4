package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"navigator"
	"navigator/internal/service"
)

// actionTitles name the audit's actions in Russian for the «Активность»
// tab and the audit viewer.
var actionTitles = map[string]string{
	"sign_in":                                 "Вход",
	"sign_in_refused":                         "Неудачная попытка входа",
	"sign_out":                                "Выход",
	"access_refused":                          "Отказано в доступе",
	"staff.invited":                           "Приглашён сотрудник",
	"staff.reinvited":                         "Сотруднику отправлено новое приглашение",
	"staff.invitation_accepted":               "Приглашение принято: пароль и второй фактор заданы",
	"staff.disabled":                          "Учётная запись сотрудника отключена",
	"staff.enabled":                           "Учётная запись сотрудника включена",
	"staff.session_ended":                     "Сеанс сотрудника завершён администратором",
	"second_factor.enabled":                   "Включён вход с кодом из приложения",
	"second_factor.disabled":                  "Выключен вход с кодом из приложения",
	"site_user.search":                        "Поиск пользователей",
	"site_user.list":                          "Просмотр списка пользователей",
	"site_user.read":                          "Просмотр карточки пользователя",
	"site_user.create":                        "Регистрация пользователя оператором",
	"site_user.update":                        "Изменение карточки пользователя",
	"site_user.send_verification":             "Отправлено письмо с подтверждением e-mail",
	"profile.update":                          "Изменение профиля",
	"email.verified":                          "E-mail подтверждён",
	"password.reset":                          "Пароль восстановлен по ссылке",
	"password.change":                         "Пароль изменён",
	"child.read":                              "Просмотр карточки ребёнка",
	"child.create":                            "Добавлен ребёнок",
	"child.update":                            "Изменены данные ребёнка",
	"child.confirm":                           "Данные ребёнка подтверждены",
	"child.print_application":                 "Печать заявления",
	"child.print_consent":                     "Печать согласия",
	"certificate.issue":                       "Выдан сертификат",
	"certificate.generate":                    "Сгенерирован номер сертификата",
	"certificate.issue_without_personal_data": "Сертификат выдан без персональных данных",
	"certificate.read":                        "Просмотр сертификата",
	"certificate.change":                      "Изменён тип сертификата",
	"certificate.status":                      "Изменён статус сертификата",
	"certificate.print":                       "Печать сертификата",
	"contingent.lookup":                       "Поиск в «Контингенте»",
	"audit.read":                              "Просмотр журнала аудита",
	"application.accept":                      "Заявка принята организатором",
	"application.reject":                      "Заявка отклонена организатором",
	"contract.end":                            "Договор расторгается",
	"contract.accept":                         "Договор принят родителем",
	"contract.paper":                          "Отмечен договор, подписанный на бумаге",
	"contract.read":                           "Просмотр договора",
	"contract.terms_changed":                  "Условия договора пересчитаны перед принятием",
	"contract.offer_expired":                  "Договор-оферта не принят в срок",
	"application.contacts.read":               "Просмотр контактов родителей в заявках",
	"group.roster":                            "Выгрузка списка группы",
	"program.create":                          "Создана программа",
	"program.update":                          "Изменена программа",
	"program.certification_request":           "Программа отправлена на сертификацию",
	"program.certification_accepted":          "Программа сертифицирована",
	"program.certification_refused":           "В сертификации отказано",
	"group.create":                            "Создана группа",
	"group.update":                            "Изменена группа",
	"application.enroll":                      "Ребёнок зачислен",
	"certificate.auto_converted":              "Неиспользованный сертификат финансирования стал сертификатом учёта",
	"municipality.create":                     "Добавлен муниципалитет",
	"municipality.update":                     "Изменён муниципалитет",
	"municipality.settings":                   "Изменены настройки муниципалитета",
	"organization.create":                     "Добавлена организация",
	"organization.update":                     "Изменена организация",
	"direction.rename":                        "Направленность переименована",
	"period.save":                             "Сохранён период",
	"period.roll":                             "Открыт новый период",
	"settings.advance_share":                  "Изменена доля аванса организаторам",
	"executor.apply":                          "Заявка в реестр исполнителей подана",
	"executor.read":                           "Просмотр заявки в реестр исполнителей",
	"executor.document_attach":                "К заявке в реестр исполнителей приложен документ",
	"executor.document_delete":                "Из заявки в реестр исполнителей удалён документ",
	"executor.document_read":                  "Просмотр документа заявки в реестр исполнителей",
	"executor.decide":                         "Решение по заявке в реестр исполнителей",
	"settings.absent_valid_counts":            "Изменено, оплачиваются ли пропуски по уважительной причине",
	"attendance.mark":                         "Отмечено посещение занятия",
	"attendance.read":                         "Просмотрен журнал посещаемости",
	"executor_report.form":                    "Составлен отчёт исполнителя за месяц",
	"executor_report.submit":                  "Отчёт исполнителя направлен в муниципалитет",
	"executor_report.accept":                  "Отчёт исполнителя принят, часы списаны с сертификатов",
	"executor_report.return":                  "Отчёт исполнителя возвращён на доработку",
	"executor_report.read":                    "Просмотрен отчёт исполнителя",
	"agreement.list":                          "Просмотрен список соглашений",
	"agreement.read":                          "Просмотрено соглашение",
}

// actionTitle is the Russian name of an audit action, or the code itself.
func actionTitle(code string) string {
	if t, ok := actionTitles[code]; ok {
		return t
	}
	return code
}

// fieldTitles name the fields a change touched.
var fieldTitles = map[string]string{
	"last_name": "фамилия", "first_name": "имя", "patronymic": "отчество", "phone": "телефон", "email": "e-mail",
	"municipality_id": "муниципалитет", "resident_rf": "Резидент РФ", "email_verified": "e-mail подтверждён",
	"birth_date": "дата рождения", "sex": "пол", "snils": "СНИЛС", "document": "документ", "names": "ФИО",
}

// detailWords are the codes the audit writes in its details.
var detailWords = map[string]string{
	"unavailable": "реестр «Контингент» недоступен", "matched": "сведения совпали", "not_matched": "сведения не совпали",
	"from_contingent": "по сведениям «Контингента»", "registered": "сразу после регистрации",
	"otp_required": "нужен код второго фактора", "bad_credentials": "неверный e-mail или пароль", "disabled": "учётная запись отключена",
	"throttled": "слишком много попыток", "personal_data": "с персональными данными", "no_personal_data": "без персональных данных",
}

// auditDetails writes an entry's details in words: types and statuses by
// their Russian names, changed fields by theirs with «да → нет» where
// the values are kept.
func auditDetails(action, details string) string {
	if details == "" {
		return ""
	}
	yesNo := map[string]string{"true": "да", "false": "нет"}
	switch action {
	case "certificate.issue", "certificate.generate":
		parts := strings.Split(details, ",")
		parts[0] = navigator.CertificateType(parts[0]).Title()
		for i := 1; i < len(parts); i++ {
			if w, ok := detailWords[parts[i]]; ok {
				parts[i] = w
			}
		}
		return strings.Join(parts, ", ")
	case "certificate.change":
		if from, to, ok := strings.Cut(details, "->"); ok {
			return navigator.CertificateType(from).Title() + " → " + navigator.CertificateType(to).Title()
		}
	case "certificate.status":
		return navigator.CertificateStatus(details).Title()
	case "executor.apply", "executor.read", "executor.document_attach", "executor.document_delete", "executor.document_read", "executor.decide":
		var out []string
		for _, part := range strings.Split(details, ",") {
			k, v, _ := strings.Cut(part, ":")
			switch {
			case k == "executor":
				out = append(out, "заявка № "+v)
			case k == "document":
				out = append(out, "документ № "+v)
			case strings.Contains(part, "->"):
				from, to, _ := strings.Cut(part, "->")
				out = append(out, navigator.ExecutorStatus(from).Title()+" → "+navigator.ExecutorStatus(to).Title())
			}
		}
		return strings.Join(out, ", ")
	case "staff.invited", "staff.reinvited":
		return navigator.Role(details).Title()
	case "site_user.update", "profile.update", "child.update", "site_user.create", "child.create":
		var out []string
		for _, f := range strings.Split(details, ",") {
			if f == "" {
				continue
			}
			name, change, _ := strings.Cut(f, ":")
			title, ok := fieldTitles[name]
			if !ok {
				title = name
			}
			if from, to, ok := strings.Cut(change, ">"); ok {
				title += ": " + yesNo[from] + " → " + yesNo[to]
			}
			out = append(out, title)
		}
		if len(out) == 0 {
			return ""
		}
		return "изменено: " + strings.Join(out, ", ")
	case "site_user.search", "site_user.list":
		var page, found int
		if n, _ := fmt.Sscanf(details, "page %d, found %d", &page, &found); n == 2 {
			return fmt.Sprintf("страница %d, найдено: %d", page, found)
		}
	case "application.contacts.read":
		return "контакты родителей в заявках № " + strings.ReplaceAll(strings.TrimPrefix(details, "applications "), ",", ", ")
	case "group.roster":
		if ids := strings.TrimPrefix(details, "applications "); ids != "" {
			return "заявки № " + strings.ReplaceAll(ids, ",", ", ")
		}
		return "список пуст"
	case "period.roll":
		var n int
		if k, _ := fmt.Sscanf(details, "%d certificates", &n); k == 1 {
			return "сертификатов перенесено: " + strconv.Itoa(n)
		}
	}
	if strings.HasPrefix(details, "other_child=") {
		return "тот же СНИЛС у ребёнка #" + strings.TrimPrefix(details, "other_child=")
	}
	if w, ok := detailWords[details]; ok {
		return w
	}
	return details
}

// auditRow is an audit entry as a person reads it.
type auditRow struct {
	service.AuditEntry
	Who     string
	Details string
}

// auditRows names who wrote each entry and puts its details in words.
func (s *Server) auditRows(r *http.Request, entries []service.AuditEntry) ([]auditRow, error) {
	names, err := s.svc.AuditActorNames(r.Context(), actorOf(r), entries)
	if err != nil {
		return nil, err
	}
	out := make([]auditRow, len(entries))
	for i, e := range entries {
		who := roleTitle(e.ActorRole)
		if n := names[e.ActorRole+":"+strconv.FormatInt(e.ActorID, 10)]; n != "" {
			who = n + " (" + strings.ToLower(who) + ")"
		} else if e.ActorID != 0 {
			who += " #" + strconv.FormatInt(e.ActorID, 10)
		}
		out[i] = auditRow{AuditEntry: e, Who: who, Details: auditDetails(e.Action, e.Details)}
	}
	return out, nil
}
