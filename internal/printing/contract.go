package printing

import (
	"time"

	"navigator/internal/ru"
)

// Contract is the contract offer (оферта) of a provider to a family, or
// the contract it became, as printed.
type Contract struct {
	Number, Status                       string // Status: «Оферта: принять до …», «Действует», …
	Provider, ProviderINN, ProviderAddr  string
	ProviderPhone, ProviderEmail         string
	ParentName, ParentPhone, ParentEmail string
	ChildName, ChildBirthDate            string
	Certificate                          string
	Program, Direction, Module           string
	Hours                                int
	Group, Teacher, Address              string
	Schedule                             []string // «Пн 15:00–16:30, каб. 12»
	StartsOn, EndsOn                     string
	Months                               int
	Price, CertificatePays, FamilyPays   string // a month, «3 500,00»
	History                              []string
	Date                                 time.Time
}

// RenderContract renders the contract for reading and printing.
func RenderContract(c Contract) ([]byte, error) {
	d, err := newDoc("Договор об образовании № " + c.Number)
	if err != nil {
		return nil, err
	}
	d.font(14, true)
	d.centered("ДОГОВОР № " + c.Number)
	d.font(12, true)
	d.centered("об образовании по дополнительной общеобразовательной программе")
	d.font(11, false)
	d.centered(c.Status)
	d.gap(12)
	d.para(orDash(c.Provider) + " (далее — Исполнитель) и " + orDash(c.ParentName) +
		", родитель (законный представитель) ребёнка (далее — Заказчик), заключили настоящий договор о нижеследующем.")
	d.section(8, "1. Предмет договора")
	d.para("Исполнитель обучает ребёнка по дополнительной общеобразовательной программе, Заказчик принимает и оплачивает обучение в части, не оплаченной сертификатом дополнительного образования.")
	d.field("Обучающийся", c.ChildName)
	d.field("Дата рождения", c.ChildBirthDate)
	d.field("Сертификат", c.Certificate)
	d.field("Программа", c.Program)
	d.field("Направленность", c.Direction)
	d.field("Модуль", c.Module)
	if c.Hours > 0 {
		d.field("Объём", ru.Count(c.Hours, "час", "часа", "часов"))
	}
	d.field("Группа", c.Group)
	d.field("Педагог", c.Teacher)
	d.field("Место занятий", c.Address)
	for i, s := range c.Schedule {
		label := ""
		if i == 0 {
			label = "Расписание"
		}
		if label == "" {
			d.paraAt(margin+textW/3, textW*2/3, s)
			continue
		}
		d.field(label, s)
	}
	d.field("Срок обучения", "с "+c.StartsOn+" по "+c.EndsOn+" ("+ru.Count(c.Months, "месяц", "месяца", "месяцев")+")")
	d.section(8, "2. Стоимость и порядок оплаты")
	d.field("Стоимость в месяц", c.Price+" руб.")
	d.field("Оплачивает сертификат", c.CertificatePays+" руб. в месяц")
	d.field("Оплачивает семья", c.FamilyPays+" руб. в месяц")
	d.para("Оплата по сертификату списывается с его баланса ежемесячно за каждый месяц действия договора; часть, оплачиваемую семьёй, Заказчик вносит Исполнителю до 10-го числа текущего месяца.")
	d.section(8, "3. Заключение и прекращение договора")
	d.para("Договор заключается акцептом оферты Заказчиком в личном кабинете Навигатора или подписанием на бумаге и действует до окончания срока обучения. " +
		"Каждая сторона вправе расторгнуть договор досрочно, указав причину и последний день занятий; месяц, в котором заканчиваются занятия, оплачивается полностью, неизрасходованный резерв сертификата возвращается на его баланс.")
	d.section(8, "4. Стороны")
	d.field("Исполнитель", c.Provider)
	d.field("ИНН", c.ProviderINN)
	d.field("Адрес", c.ProviderAddr)
	d.field("Телефон, e-mail", joinNonEmpty(c.ProviderPhone, c.ProviderEmail))
	d.field("Заказчик", c.ParentName)
	d.field("Телефон, e-mail", joinNonEmpty(c.ParentPhone, c.ParentEmail))
	if len(c.History) > 0 {
		d.gap(8)
		d.font(11, true)
		d.para("История договора")
		d.font(10, false)
		for _, h := range c.History {
			d.para(h)
		}
	}
	d.gap(24)
	d.font(11, false)
	d.para("Исполнитель: ____________________ М. П.          Заказчик: ____________________")
	d.para("Дата печати: " + ddmmyyyy(c.Date))
	return d.bytes()
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}
