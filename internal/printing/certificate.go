package printing

import "time"

// CertificateBlank is what the printable certificate shows.
type CertificateBlank struct {
	RegionName   string
	ChildName    string // empty for a certificate without personal data: «—»
	BirthDate    string // «ДД.ММ.ГГГГ», may be empty
	Number       string
	TypeTitle    string
	Office       string // empty for a certificate requested online
	Municipality string
	IssuedAt     time.Time
	// Nominal is a financing certificate's nominal for the period, as
	// «25 000,00 руб.», and the period's name; empty for other types.
	Nominal, Period string
	// NominalLabel names the nominal: «Номинал», or «Объём услуги» for a
	// social certificate in hours; empty: «Номинал».
	NominalLabel string
}

// RenderCertificate renders the certificate blank; it can be printed
// again at any time.
func RenderCertificate(c CertificateBlank) ([]byte, error) {
	d, err := newDoc("Сертификат дополнительного образования № " + c.Number)
	if err != nil {
		return nil, err
	}
	d.pdf.SetLineWidth(2)
	d.pdf.RectFromUpperLeftWithStyle(margin-16, margin-16, textW+32, 520, "D")
	d.pdf.SetLineWidth(0.6)
	d.pdf.RectFromUpperLeftWithStyle(margin-10, margin-10, textW+20, 508, "D")
	d.gap(20)
	d.font(12, false)
	d.centered(orDash(c.RegionName))
	d.gap(16)
	d.font(20, true)
	d.centered("СЕРТИФИКАТ")
	d.font(14, true)
	d.centered("ДОПОЛНИТЕЛЬНОГО ОБРАЗОВАНИЯ")
	d.gap(18)
	d.font(30, true)
	d.centered("№ " + c.Number)
	d.gap(8)
	d.font(13, false)
	d.centered(orDash(c.TypeTitle))
	d.gap(24)
	d.font(12, false)
	d.field("Ребёнок", orDash(c.ChildName))
	d.field("Дата рождения", orDash(c.BirthDate))
	d.field("Муниципалитет", orDash(c.Municipality))
	office := c.Office
	if office == "" {
		office = "запрошен в личном кабинете Навигатора"
	}
	d.field("Выдан", office)
	d.field("Дата выдачи", ddmmyyyy(c.IssuedAt))
	if c.Nominal != "" {
		label := "Номинал"
		if c.NominalLabel != "" {
			label = c.NominalLabel
		}
		if c.Period != "" {
			label += " на " + c.Period
		}
		d.field(label, c.Nominal)
	}
	d.gap(18)
	if c.Office != "" {
		d.signature()
	}
	d.font(9.5, false)
	d.para("Сертификат — запись в электронном реестре сертификатов дополнительного образования. Номер присваивается ребёнку один раз и действует до достижения им 18 лет. Бланк можно распечатать повторно в любой уполномоченной организации или в личном кабинете.")
	return d.bytes()
}

// signature is the office head's signature and the stamp's place.
func (d *doc) signature() {
	d.font(11, false)
	d.para("Руководитель уполномоченной организации")
	d.gap(16)
	d.para("____________________ / ________________________________")
	d.font(8, false)
	d.para("(подпись) / (расшифровка подписи)")
	d.gap(6)
	d.font(11, false)
	d.para("М. П.")
	d.gap(10)
}
