package navigator

import "fmt"

// Enrolment is what the rules of enrolment read of a group and a child
// when a parent applies: the store gathers it inside the transaction, the
// program page before the button, and Check decides alike for both.
type Enrolment struct {
	Accepting      bool // the group takes applications
	GroupEndsOn    Date
	AgeFrom, AgeTo int // the program's
	Registry       Registry
	BirthDate      Date
	Certificate    *Certificate // nil: the child has none
	// BudgetLimit is the municipality's limit of budget programs per
	// accounting certificate (0: none); BudgetUsed is how many other
	// budget programs the child attends or waits for.
	BudgetLimit, BudgetUsed int
	// Executor: for a social certificate, the program's provider is in the
	// registry of executors of the certificate's municipality.
	Executor bool
	Today    Date
}

// refusal is a broken rule of enrolment: 422 with its code.
func refusal(code, msg string) error {
	return &Error{Kind: KindInvalid, Code: code, Message: msg}
}

// Check applies the rules of enrolment: the group accepts and has not
// ended; the child's age fits; the certificate is active, confirmed and
// of a type the program's registry takes; the municipality's limit of
// budget programs per accounting certificate; a financing certificate
// with money left for a certified program. A paid program needs no
// certificate. The refusal's message says what to do.
func (e Enrolment) Check() error {
	if !e.Accepting {
		return refusal("closed", "Запись в эту группу закрыта. Выберите другую группу или программу.")
	}
	if e.GroupEndsOn.Before(e.Today) {
		return refusal("closed", fmt.Sprintf("Занятия этой группы закончились %s. Выберите другую группу или программу.", e.GroupEndsOn.Russian()))
	}
	if age := e.BirthDate.AgeOn(e.Today); age < e.AgeFrom || age > e.AgeTo {
		return refusal("age", fmt.Sprintf("Программа для детей от %d до %d лет, а ребёнку %d. Выберите программу по возрасту.", e.AgeFrom, e.AgeTo, age))
	}
	if e.Registry == RegistryPaid {
		return nil // the family pays; no certificate needed
	}
	cert := e.Certificate
	switch {
	case cert == nil:
		return refusal("no_certificate", "Для записи на эту программу нужен сертификат. Нажмите «Получить сертификат» в карточке ребёнка.")
	case cert.Status != CertificateActive:
		return refusal("no_certificate", "Сертификат ребёнка заморожен или закрыт. Обратитесь в уполномоченную организацию.")
	case cert.Type == CertificateUnconfirmed:
		return refusal("unconfirmed_certificate", "Сертификат ещё не подтверждён. Придите с документами ребёнка в уполномоченную организацию — адреса в карточке ребёнка.")
	}
	switch e.Registry {
	case RegistryBudget:
		if cert.Type != CertificateAccounting {
			return nil
		}
		if e.BudgetLimit > 0 && e.BudgetUsed >= e.BudgetLimit {
			return refusal("limit", fmt.Sprintf("По сертификату учёта можно заниматься не больше чем в %d бюджетных программах одновременно, а ребёнок уже записан в %d. Отзовите одну из заявок или выберите платную программу.", e.BudgetLimit, e.BudgetUsed))
		}
	case RegistryCertified:
		if cert.Type != CertificateFinancing {
			return nil // the family pays the whole price
		}
		if cert.Social() {
			if !e.Executor {
				return refusal("not_executor", "Организация не включена в реестр исполнителей услуги по социальному сертификату: записаться по сертификату на эту программу нельзя. Выберите программу организации из реестра.")
			}
			if cert.HoursBalance <= 0 {
				return refusal("balance", "На социальном сертификате не осталось часов в этом периоде. Оплатить обучение может семья — или выберите бюджетную программу.")
			}
			return nil
		}
		if cert.Balance <= 0 {
			return refusal("balance", "На сертификате финансирования не осталось средств в этом периоде. Оплатить обучение может семья — или выберите бюджетную программу.")
		}
	}
	return nil
}
