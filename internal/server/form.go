package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"navigator"
)

// form keeps what a person typed and the messages to show beside the
// fields, so that a mistake never loses their input.
type form struct {
	Values  map[string]string
	Errors  map[string]string
	Message string
}

func newForm() *form { return &form{Values: map[string]string{}, Errors: map[string]string{}} }

// formFrom copies the posted fields named.
func formFrom(r *http.Request, names ...string) *form {
	f := newForm()
	for _, n := range names {
		f.Values[n] = r.PostFormValue(n)
	}
	return f
}

// fail takes a service error apart: field messages go beside the fields,
// the rest on top. It reports false for an error that is not the person's
// mistake (the caller shows an error page).
func (f *form) fail(err error) bool {
	var e *navigator.Error
	if !errors.As(err, &e) || e.Kind == navigator.KindInternal {
		return false
	}
	for _, fe := range e.Fields {
		if _, seen := f.Errors[fe.Field]; !seen {
			f.Errors[fe.Field] = fe.Message
		}
	}
	if len(e.Fields) == 0 || e.Kind != navigator.KindInvalid {
		f.Message = e.Message
	}
	return true
}

// mistake takes err apart as fail does when it is the person's to fix —
// invalid input or a conflict — and reports false for a refusal or a
// failure, which the caller shows as an error page.
func (f *form) mistake(err error) bool {
	switch navigator.ErrorKind(err) {
	case navigator.KindInvalid, navigator.KindConflict:
		return f.fail(err)
	}
	return false
}

// renameFields gives the fields of a service error the form's names.
func renameFields(err error, name func(string) string) error {
	var e *navigator.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make([]navigator.FieldError, len(e.Fields))
	for i, fe := range e.Fields {
		fe.Field = name(fe.Field)
		out.Fields[i] = fe
	}
	return &out
}

// statusOfForm is the status of a page that shows a failed form.
func statusOfForm(err error) int {
	if s, ok := statusOf[navigator.ErrorKind(err)]; ok {
		return s
	}
	return http.StatusUnprocessableEntity
}

// flashes are the messages a redirect may ask the next page to show; the
// URL carries only the key, never personal data.
var flashes = map[string]string{
	"saved":         "Изменения сохранены.",
	"created":       "Пользователь зарегистрирован.",
	"child_added":   "Ребёнок добавлен.",
	"confirmed":     "Данные ребёнка подтверждены.",
	"issued":        "Сертификат выдан.",
	"changed":       "Сертификат изменён.",
	"snils_saved":   "СНИЛС сохранён.",
	"doc_saved":     "Документ сохранён.",
	"mail_sent":     "Письмо с подтверждением e-mail поставлено в очередь отправки.",
	"cancelled":     "Заявка отозвана.",
	"certification": "Программа отправлена на сертификацию: решение примет региональный модельный центр.",
	"applied":       "Заявка подана. Её статус — в разделе «История заявок».",
	"deferred":      "Программа отложена: она в разделе «Отложено».",
	"undeferred":    "Программа убрана из отложенных.",
	"password":      "Пароль изменён.",
	"others":        "Все другие сеансы завершены.",
	"registered":    "Регистрация завершена, адрес электронной почты подтверждён. Добро пожаловать в личный кабинет!",
	"papers":        "Отмечено: подписанные заявление и согласие хранятся в организации.",
	"factor_on":     "Вход с кодом включён: при следующем входе понадобится код из приложения.",
	"factor_off":    "Вход с кодом выключен.",
	// The contract.
	"offered":           "Заявка принята: родителю отправлен договор-оферта, ребёнок будет зачислен, когда родитель его примет.",
	"rejected":          "Заявка отклонена: родитель получит письмо с причиной.",
	"enrolled":          "Ребёнок зачислен по договору, подписанному на бумаге.",
	"ending":            "Договор расторгается: последний день занятий указан в заявке, родитель получит письмо.",
	"contract_accepted": "Договор принят: ребёнок зачислен. Договор можно скачать в PDF.",
	"contract_ending":   "Договор расторгается: последний день занятий — в истории договора.",
	// The administration of the region and the municipalities.
	"settings_saved":    "Изменения сохранены: настройки муниципалитета действуют с этой минуты.",
	"ceiling_saved":     "Предел номинала сохранён: муниципалитеты не смогут установить номинал выше.",
	"org_saved":         "Организация сохранена.",
	"invited":           "Приглашение отправлено: ссылка действует 72 часа и только один раз.",
	"reinvited":         "Новое приглашение отправлено: прежний пароль, второй фактор и сеансы больше не действуют.",
	"staff_disabled":    "Учётная запись отключена, все её сеансы завершены.",
	"staff_enabled":     "Учётная запись включена.",
	"session_ended":     "Сеанс завершён.",
	"municipality_add":  "Муниципалитет добавлен.",
	"municipality_save": "Муниципалитет сохранён.",
	"direction_renamed": "Направленность переименована, прежнее название сохранено в истории.",
	"period_saved":      "Период сохранён.",
	"cert_accepted":     "Программа сертифицирована: она в реестре сертифицированных программ.",
	"cert_refused":      "В сертификации отказано: организатор увидит причину.",
	// The registry of executors.
	"executor_applied":          "Заявка в реестр исполнителей подана: её рассмотрит администратор муниципалитета.",
	"executor_document":         "Документ приложен к заявке.",
	"executor_document_deleted": "Документ удалён из заявки.",
	"executor_include":          "Организация включена в реестр исполнителей: она видна в открытом реестре.",
	"executor_refuse":           "Во включении отказано: организация увидит причину и сможет подать заявку снова.",
	"executor_exclude":          "Организация исключена из реестра: она увидит причину.",
}

// number reads a whole number field; anything else gets its message
// beside the field. An empty field is 0.
func (f *form) number(name string) int {
	v := strings.TrimSpace(f.Values[name])
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Errors[name] = "Укажите целое число, например 120."
	}
	return n
}

// money reads a sum in rubles, "25000" or "25 000,00".
func (f *form) money(name string) navigator.Money {
	v := strings.TrimSpace(f.Values[name])
	if v == "" {
		return 0
	}
	m, err := navigator.ParseMoney(v)
	if err != nil {
		f.Errors[name] = "Сумма в рублях, например 25000 или 25 000,00."
	}
	return m
}

// moneyInput writes a sum as a person types it: «25 000,00».
func moneyInput(m navigator.Money) string {
	return strings.ReplaceAll(strings.TrimSuffix(m.Russian(), "\u00a0₽"), "\u00a0", " ")
}

func flash(r *http.Request) string { return flashes[r.URL.Query().Get("done")] }

// childInput reads the child fields of a form; a birth date that is not a
// date gets its message beside the field.
func (f *form) childInput() navigator.ChildInput {
	in := navigator.ChildInput{LastName: f.Values["last_name"], FirstName: f.Values["first_name"], Patronymic: f.Values["patronymic"],
		Sex: navigator.Sex(f.Values["sex"])}
	if v := f.Values["birth_date"]; v != "" {
		d, err := navigator.ParseDate(v)
		if err != nil {
			f.Errors["birth_date"] = "Дата рождения — в виде ДД.ММ.ГГГГ."
		}
		in.BirthDate = d
	}
	return in
}
