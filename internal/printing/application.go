package printing

import "time"

// Application is the pre-filled application for a certificate.
type Application struct {
	RegionName, Municipality, Office     string
	ParentName, ParentPhone, ParentEmail string
	ParentFemale                         *bool // from the patronymic; nil when it does not tell
	ChildName, ChildBirthDate, ChildSex  string
	DocumentTitle                        string
	SNILS                                string
	Date                                 time.Time
}

// RenderApplication renders the application for the parent to sign.
func RenderApplication(a Application) ([]byte, error) {
	d, err := newDoc("Заявление о предоставлении сертификата дополнительного образования")
	if err != nil {
		return nil, err
	}
	d.font(11, false)
	d.paraAt(margin+textW/2, textW/2, "Руководителю организации:")
	d.paraAt(margin+textW/2, textW/2, orDash(a.Office))
	d.gap(6)
	d.paraAt(margin+textW/2, textW/2, "Заявитель:")
	d.paraAt(margin+textW/2, textW/2, orDash(a.ParentName))
	d.gap(24)
	d.font(14, true)
	d.centered("ЗАЯВЛЕНИЕ")
	d.font(12, true)
	d.centered("о предоставлении сертификата дополнительного образования")
	d.gap(14)
	d.font(11, false)
	d.para("Прошу предоставить моему ребёнку сертификат дополнительного образования и включить сведения о нём в реестр сертификатов дополнительного образования. Регион: " + orDash(a.RegionName) + ".")
	d.section(10, "Сведения о ребёнке")
	d.field("Фамилия, имя, отчество", a.ChildName)
	d.field("Дата рождения", a.ChildBirthDate)
	d.field("Пол", a.ChildSex)
	d.field("Документ", a.DocumentTitle)
	d.field("СНИЛС", a.SNILS)
	d.field("Муниципалитет", a.Municipality)
	d.section(10, "Сведения о заявителе (родителе, законном представителе)")
	d.field("Фамилия, имя, отчество", a.ParentName)
	d.field("Телефон", a.ParentPhone)
	d.field("Электронная почта", a.ParentEmail)
	d.gap(12)
	acquainted := "ознакомлен(а)"
	if a.ParentFemale != nil {
		acquainted = map[bool]string{true: "ознакомлена", false: "ознакомлен"}[*a.ParentFemale]
	}
	d.para("С правилами персонифицированного финансирования дополнительного образования детей " + acquainted + ". Обязуюсь сообщать об изменении сведений, указанных в заявлении.")
	d.gap(28)
	d.para("Дата: " + ddmmyyyy(a.Date) + "                         Подпись: ____________________ / ____________________")
	return d.bytes()
}
