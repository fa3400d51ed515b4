package server

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
}

// actionTitle is the Russian name of an audit action, or the code itself.
func actionTitle(code string) string {
	if t, ok := actionTitles[code]; ok {
		return t
	}
	return code
}
