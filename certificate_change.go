package navigator

// CertificateChange is an operator's or a municipal admin's change of a
// certificate's type (учёта ↔ финансирования) and nominal, with the facts
// the store gathered inside the transaction. Plan decides; the store
// applies the outcome.
type CertificateChange struct {
	Old            Certificate     // the certificate as it is: type, status, nominal, balance, reserve
	ChildConfirmed bool            // the child's data are confirmed
	To             CertificateType // the type asked
	Nominal        *Money          // the nominal asked; nil keeps the present one, or takes the period's
	PeriodNominal  Money           // the municipality's nominal for the current period: the default and the ceiling
	QuotaFree      bool            // a place in the municipality's quota of financing certificates is free
}

// LedgerMove is one entry the change writes to the certificate's ledger.
type LedgerMove struct {
	Kind   string // "nominal" (money added) or "expire" (money taken away)
	Amount Money  // positive
	Note   string
	// InOldPeriod: the entry belongs to the certificate's own period
	// rather than the current one (money that expires on leaving
	// financing).
	InOldPeriod bool
}

// CertificatePlan is what a change does.
type CertificatePlan struct {
	// Queue: the quota is full; the request waits in the financing queue
	// and nothing else changes.
	Queue bool
	// Nominal and Balance are the certificate's new figures; ToCurrentPeriod
	// moves it to the current period.
	Nominal, Balance Money
	ToCurrentPeriod  bool
	Ledger           []LedgerMove
	// FreesQuota: a financing place frees and goes to the first in the queue.
	FreesQuota bool
}

// NeedsQuota reports whether the change takes a place in the quota, so
// that the store asks whether one is free.
func (c CertificateChange) NeedsQuota() bool {
	return c.To == CertificateFinancing && c.Old.Type != CertificateFinancing
}

// Check refuses a change that cannot be made whatever the period and the
// quota: the store asks it before gathering them.
func (c CertificateChange) Check() error {
	switch {
	case c.To != CertificateUnconfirmed && !c.ChildConfirmed:
		return Invalid(FieldError{Field: "type", Code: "unconfirmed", Message: "Сначала подтвердите данные ребёнка."})
	case c.Old.Status == CertificateClosed:
		return Errorf(KindConflict, "Сертификат закрыт: ребёнку исполнилось 18 лет.")
	case c.Old.Type == CertificateFinancing && c.To != CertificateFinancing && c.Old.Reserve > 0:
		return Errorf(KindConflict, "По сертификату есть действующие договоры: сначала завершите их.")
	}
	return nil
}

// Plan checks the change and says what it does.
func (c CertificateChange) Plan() (CertificatePlan, error) {
	if err := c.Check(); err != nil {
		return CertificatePlan{}, err
	}
	old := c.Old
	wasFinancing := old.Type == CertificateFinancing
	if c.To != CertificateFinancing {
		p := CertificatePlan{FreesQuota: wasFinancing}
		if wasFinancing && old.Balance > 0 {
			p.Ledger = []LedgerMove{{Kind: "expire", Amount: old.Balance, Note: "Смена типа сертификата", InOldPeriod: true}}
		}
		return p, nil
	}
	if c.NeedsQuota() && !c.QuotaFree {
		return CertificatePlan{Queue: true}, nil
	}
	nominal := c.PeriodNominal
	switch {
	case c.Nominal != nil:
		nominal = *c.Nominal
	case wasFinancing:
		nominal = old.Nominal
	}
	if err := CheckNominal(nominal, c.PeriodNominal); err != nil {
		return CertificatePlan{}, err
	}
	var spent Money
	if wasFinancing {
		spent = old.Nominal - old.Balance - old.Reserve
	}
	if nominal < spent+old.Reserve {
		return CertificatePlan{}, Invalid(FieldError{Field: "nominal", Code: "below_used",
			Message: "Номинал меньше уже зарезервированного и списанного: не меньше " + (spent + old.Reserve).Russian() + "."})
	}
	p := CertificatePlan{Nominal: nominal, Balance: nominal - spent - old.Reserve, ToCurrentPeriod: true}
	switch delta := nominal - old.Nominal; {
	case wasFinancing && delta > 0:
		p.Ledger = []LedgerMove{{Kind: "nominal", Amount: delta, Note: "Изменение номинала"}}
	case wasFinancing && delta < 0:
		p.Ledger = []LedgerMove{{Kind: "expire", Amount: -delta, Note: "Изменение номинала"}}
	case !wasFinancing && nominal > 0:
		p.Ledger = []LedgerMove{{Kind: "nominal", Amount: nominal, Note: "Номинал на период"}}
	}
	return p, nil
}

// CheckNominal refuses a negative nominal or one over the municipality's
// (limit 0: no ceiling).
func CheckNominal(n, limit Money) error {
	switch {
	case n < 0:
		return Invalid(FieldError{Field: "nominal", Code: "negative", Message: "Номинал не может быть отрицательным."})
	case limit > 0 && n > limit:
		return Invalid(FieldError{Field: "nominal", Code: "over_limit",
			Message: "Номинал больше установленного муниципалитетом на период: не больше " + limit.Russian() + "."})
	}
	return nil
}
