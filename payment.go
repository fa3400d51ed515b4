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

// SplitSocialPayment is SplitPayment for a social certificate: of a
// certified program it covers the module's hours a month, as far as its
// hours last for the module's months, at the direction's cost of an hour
// in the social order (ordered: the order has the direction for
// certificates); the family pays the rest of the price.
func SplitSocialPayment(registry Registry, price Money, m Module, hourCost Money, ordered bool, cert *Certificate) Payment {
	switch {
	case price == 0:
		return Payment{Note: "Бесплатно"}
	case registry != RegistryCertified || cert.Status != CertificateActive:
		return SplitPayment(registry, price, 0, cert)
	case !ordered || hourCost <= 0:
		return Payment{Family: price, Note: "Этой направленности нет в социальном заказе муниципалитета: оплатить сертификатом нельзя"}
	}
	in := TermsInput{ModuleHours: m.Hours, ModuleMonths: m.Months}
	hours := MinHours(in.HoursPerMonth(), cert.HoursBalance/Hours(max(m.Months, 1)))
	if hours <= 0 {
		return Payment{Family: price, Note: "На социальном сертификате не осталось часов"}
	}
	pays := Min(price, hours.Cost(hourCost))
	return Payment{Certificate: pays, Family: price - pays,
		Note: "Социальный сертификат: " + hours.Russian() + " в месяц по " + hourCost.Russian() + " за час"}
}
