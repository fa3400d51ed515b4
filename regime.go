package navigator

// Regime is how a municipality finances supplementary education in a
// period: the ПФДО certificate with a nominal in roubles, or the social
// certificate of 189-ФЗ with a volume in person-hours. A municipality
// changes it only at a period boundary; contracts already made finish
// under the rules they were made under.
type Regime string

// Regimes.
const (
	RegimePFDO   Regime = "pfdo"
	RegimeSocial Regime = "social"
)

// Valid reports whether r is a known regime.
func (r Regime) Valid() bool { return r == RegimePFDO || r == RegimeSocial }

// Title is the Russian name of the regime.
func (r Regime) Title() string {
	switch r {
	case RegimeSocial:
		return "Социальный сертификат (189-ФЗ)"
	default:
		return "Персонифицированное финансирование (ПФДО)"
	}
}

// Unit is what the regime's certificates count: "rub" or "hour".
func (r Regime) Unit() string {
	if r == RegimeSocial {
		return UnitHour
	}
	return UnitRub
}

// Units of certificates, contracts and reports.
const (
	UnitRub  = "rub"
	UnitHour = "hour"
)
