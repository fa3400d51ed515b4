package navigator

// Payment is who pays a month of a module for a child.
type Payment struct {
	Certificate Money  // what the certificate pays
	Family      Money  // what the family pays
	Note        string // why, in Russian
}

// SplitPayment applies the rule: a financing certificate pays min(price,
// normative cost, balance) of a certified program and the family the
// rest; a budget program is free with an accounting or financing
// certificate; a paid program, or a program the certificate cannot pay
// for, the family pays in full.
func SplitPayment(registry Registry, price, normative Money, cert *Certificate) Payment {
	switch {
	case price == 0:
		return Payment{Note: "Бесплатно"}
	case cert == nil:
		return Payment{Family: price, Note: "Без сертификата — за счёт семьи"}
	case registry == RegistryCertified && cert.Type == CertificateFinancing && cert.Status == CertificateActive:
		pays := Min(price, normative, cert.Balance)
		note := "Сертификат финансирования оплачивает до нормативной стоимости"
		if cert.Balance < Min(price, normative) {
			note = "На сертификате осталось меньше нормативной стоимости"
		}
		return Payment{Certificate: pays, Family: price - pays, Note: note}
	case registry == RegistryCertified:
		return Payment{Family: price, Note: "Оплатить сертификатом можно только сертификатом финансирования"}
	}
	return Payment{Family: price, Note: "Платная программа — за счёт семьи"}
}
