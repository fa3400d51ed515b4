package printing

import (
	"time"

	"navigator/internal/ru"
)

// Agreement is the agreement on financial provision (соглашение о
// финансовом обеспечении затрат, 189-ФЗ art. 21) between a municipality
// and an executor for one child's social certificate, as printed.
type Agreement struct {
	Number, ContractNumber              string
	Municipality                        string
	Executor, ExecutorINN, ExecutorAddr string
	Child, ChildBirth, Certificate      string
	Program, Group                      string
	StartsOn, EndsOn                    string
	Months                              int
	HoursMonthly, Hours                 string // «8 ч», «72 ч»
	HourCost, Amount                    string // «150,00 руб.» (the Go fonts have no ₽)
	Charged                             string // hours paid so far
	Date                                time.Time
}

// RenderAgreement renders the agreement for reading and printing.
func RenderAgreement(g Agreement) ([]byte, error) {
	d, err := newDoc("Соглашение № " + g.Number)
	if err != nil {
		return nil, err
	}
	d.font(14, true)
	d.centered("СОГЛАШЕНИЕ № " + g.Number)
	d.font(12, true)
	d.centered("о финансовом обеспечении (возмещении) затрат, связанных с оказанием муниципальной услуги в социальной сфере в соответствии с социальным сертификатом")
	d.gap(12)
	d.font(11, false)
	d.para("Уполномоченный орган муниципального образования «" + orDash(g.Municipality) + "» (далее — Уполномоченный орган) и " + orDash(g.Executor) +
		" (далее — Исполнитель услуг) в соответствии с Федеральным законом от 13.07.2020 № 189-ФЗ «О государственном (муниципальном) социальном заказе на оказание государственных (муниципальных) услуг в социальной сфере» заключили настоящее соглашение о нижеследующем.")
	d.section(8, "1. Предмет соглашения")
	d.para("Уполномоченный орган возмещает Исполнителю услуг затраты на реализацию дополнительной общеразвивающей программы для потребителя услуги по социальному сертификату в объёме фактически оказанных часов, подтверждённых журналом посещаемости и принятым отчётом.")
	d.field("Потребитель услуги", g.Child)
	d.field("Дата рождения", g.ChildBirth)
	d.field("Социальный сертификат", g.Certificate)
	d.field("Программа", g.Program)
	d.field("Группа", g.Group)
	d.field("Договор об образовании", g.ContractNumber)
	d.section(8, "2. Объём, цена и срок")
	d.field("Срок", "с "+g.StartsOn+" по "+g.EndsOn+" ("+ru.Count(g.Months, "месяц", "месяца", "месяцев")+")")
	d.field("Объём в месяц", g.HoursMonthly)
	d.field("Объём всего", g.Hours)
	d.field("Нормативная стоимость часа", g.HourCost)
	d.field("Предельная сумма", g.Amount)
	d.field("Оплачено часов", g.Charged)
	d.section(8, "3. Порядок оплаты")
	d.para("Исполнитель услуг ежемесячно, после окончания месяца, направляет Уполномоченному органу отчёт об оказанных часах. Оплачиваются часы занятий, отмеченных в журнале посещаемости, не более объёма в месяц; стоимость — произведение часов на нормативную стоимость часа. " +
		"Принятый отчёт списывает часы с социального сертификата и включается в реестр на оплату с авансом в доле, установленной регионом.")
	d.section(8, "4. Стороны")
	d.field("Уполномоченный орган", g.Municipality)
	d.field("Исполнитель услуг", g.Executor)
	d.field("ИНН", g.ExecutorINN)
	d.field("Адрес", g.ExecutorAddr)
	d.gap(24)
	d.para("Уполномоченный орган: ____________________ М. П.          Исполнитель услуг: ____________________ М. П.")
	d.para("Дата печати: " + ddmmyyyy(g.Date))
	return d.bytes()
}
