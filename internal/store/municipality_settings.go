package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// MunicipalitySettings is what a municipality sets for the current period,
// with the figures its limits are checked against.
type MunicipalitySettings struct {
	MunicipalityID            int64           `json:"municipality_id"`
	PeriodID                  int64           `json:"period_id"`
	Period                    string          `json:"period"`
	FinancingNominal          navigator.Money `json:"financing_nominal"`
	FinancingQuota            int             `json:"financing_quota"`
	BudgetLimit               int             `json:"budget_limit"`
	FinancingToAccountingDays int             `json:"financing_to_accounting_days"`
	ChildrenTotal             int             `json:"children_total"`
	// ContractOfferDays is how many days a parent has to accept a
	// contract offer; 0 on a save keeps what is set.
	ContractOfferDays int `json:"contract_offer_days"`
	// Regime is the period's (set with the social order); SocialHours is
	// the volume of a social certificate issued in the period (0 on a
	// save keeps what is set).
	Regime      navigator.Regime `json:"regime"`
	SocialHours navigator.Hours  `json:"social_hours"`
	// SocialHoursByAge sets the volume apart for age ranges (nil on a save
	// keeps what is set; empty clears it).
	SocialHoursByAge []navigator.AgeHours `json:"social_hours_by_age"`
	// Figures.
	FinancingIssued int             `json:"financing_issued"`          // financing certificates holding a place in the quota
	QueueWaiting    int             `json:"queue_waiting"`             // requests waiting for a place
	MostUsed        navigator.Money `json:"most_used_nominal"`         // the most one certificate has reserved and spent
	NominalCeiling  navigator.Money `json:"financing_nominal_ceiling"` // the region's bound on the nominal
}

// MunicipalitySettings returns the municipality's settings for the current
// period (zeros when none are set yet).
func (db *DB) MunicipalitySettings(ctx context.Context, municipalityID int64) (*MunicipalitySettings, error) {
	var out *MunicipalitySettings
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		out, err = municipalitySettings(ctx, tx, municipalityID)
		return err
	})
	return out, err
}

func municipalitySettings(ctx context.Context, tx *Tx, municipalityID int64) (*MunicipalitySettings, error) {
	if err := municipalityExists(ctx, tx, municipalityID); err != nil {
		return nil, err
	}
	m := &MunicipalitySettings{MunicipalityID: municipalityID}
	err := tx.QueryRow(ctx, "SELECT id, name FROM periods WHERE is_current = TRUE").Scan(&m.PeriodID, &m.Period)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.Errorf(navigator.KindConflict, "Текущий период не открыт: его открывает администратор региона.")
	}
	if err != nil {
		return nil, fmt.Errorf("current period: %w", err)
	}
	m.Regime = navigator.RegimePFDO
	err = tx.QueryRow(ctx, `SELECT financing_nominal, financing_quota, budget_limit, financing_to_accounting_days, children_total, regime, social_hours
		FROM municipality_periods WHERE municipality_id = ? AND period_id = ?`, municipalityID, m.PeriodID).
		Scan(&m.FinancingNominal, &m.FinancingQuota, &m.BudgetLimit, &m.FinancingToAccountingDays, &m.ChildrenTotal, &m.Regime, &m.SocialHours)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("municipality settings: %w", err)
	}
	if m.SocialHoursByAge, err = hoursByAge(ctx, tx, municipalityID, m.PeriodID); err != nil {
		return nil, err
	}
	if err := tx.QueryRow(ctx, "SELECT contract_offer_days FROM municipalities WHERE id = ?", municipalityID).Scan(&m.ContractOfferDays); err != nil {
		return nil, fmt.Errorf("offer days: %w", err)
	}
	if m.FinancingIssued, err = financingTaken(ctx, tx, municipalityID, m.PeriodID); err != nil {
		return nil, err
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM financing_queue WHERE municipality_id = ? AND period_id = ? AND served_at IS NULL`,
		municipalityID, m.PeriodID).Scan(&m.QueueWaiting); err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if err := tx.QueryRow(ctx, `SELECT COALESCE(max(nominal - balance), 0) FROM certificates
		WHERE municipality_id = ? AND period_id = ? AND type = 'financing' AND status <> 'closed'`,
		municipalityID, m.PeriodID).Scan(&m.MostUsed); err != nil {
		return nil, fmt.Errorf("most used: %w", err)
	}
	if m.NominalCeiling, err = nominalCeiling(ctx, tx); err != nil {
		return nil, err
	}
	return m, nil
}

// SaveMunicipalitySettings changes the municipality's settings for the
// current period, in one transaction:
//   - a nominal above the region's ceiling, or below what a certificate
//     has already reserved and spent, is refused; certificates that had the old nominal get the new one, the
//     difference written to their ledger;
//   - a quota below the financing certificates already issued is refused; a
//     larger one serves the queue at once.
func (db *DB) SaveMunicipalitySettings(ctx context.Context, in MunicipalitySettings, audit *AuditEntry) (*MunicipalitySettings, error) {
	var f navigator.Fields
	if in.FinancingNominal < 0 {
		f.Add("financing_nominal", "negative", "Номинал не может быть отрицательным.")
	}
	if in.FinancingQuota < 0 {
		f.Add("financing_quota", "negative", "Квота не может быть отрицательной.")
	}
	if in.BudgetLimit < 0 || in.BudgetLimit > 50 {
		f.Add("budget_limit", "range", "Лимит бюджетных программ — от 0 до 50 (0 — без ограничения).")
	}
	if in.FinancingToAccountingDays < 0 || in.FinancingToAccountingDays > 365 {
		f.Add("financing_to_accounting_days", "range", "Число дней — от 0 до 365 (0 — не переводить).")
	}
	if in.ChildrenTotal < 0 {
		f.Add("children_total", "negative", "Число детей не может быть отрицательным.")
	}
	if in.SocialHours < 0 || in.SocialHours > navigator.WholeHours(2000) {
		f.Add("social_hours", "range", "Объём социального сертификата — от 0 до 2 000 часов в год.")
	}
	if err := navigator.ValidateAgeHours(in.SocialHoursByAge); err != nil {
		var e *navigator.Error
		if errors.As(err, &e) {
			f = append(f, e.Fields...)
		}
	}
	if in.ContractOfferDays != 0 && !navigator.ValidOfferDays(in.ContractOfferDays) {
		f.Add("contract_offer_days", "range", "Срок акцепта договора — от 1 до 60 дней.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *MunicipalitySettings
	err := db.Update(ctx, func(tx *Tx) error {
		cur, err := municipalitySettings(ctx, tx, in.MunicipalityID)
		if err != nil {
			return err
		}
		if in.FinancingNominal > cur.NominalCeiling {
			f.Add("financing_nominal", "above_ceiling",
				"Номинал выше предела, установленного регионом: не больше "+cur.NominalCeiling.Russian()+".")
		}
		if in.FinancingNominal < cur.MostUsed {
			f.Add("financing_nominal", "below_reserved",
				"Номинал меньше уже зарезервированного и списанного по одному из сертификатов: не меньше "+cur.MostUsed.Russian()+".")
		}
		if in.FinancingQuota < cur.FinancingIssued {
			f.Add("financing_quota", "below_issued", fmt.Sprintf(
				"Квота меньше числа уже выданных сертификатов финансирования (%d): выданные сертификаты не отзываются.", cur.FinancingIssued))
		}
		if err := f.Err(); err != nil {
			return err
		}
		if in.SocialHours == 0 {
			in.SocialHours = cur.SocialHours // not given: kept
		}
		if _, err := tx.Exec(ctx, `INSERT INTO municipality_periods (municipality_id, period_id, financing_nominal, financing_quota, budget_limit,
				financing_to_accounting_days, children_total, social_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (municipality_id, period_id) DO UPDATE SET financing_nominal = excluded.financing_nominal, social_hours = excluded.social_hours,
				financing_quota = excluded.financing_quota, budget_limit = excluded.budget_limit,
				financing_to_accounting_days = excluded.financing_to_accounting_days, children_total = excluded.children_total`,
			in.MunicipalityID, cur.PeriodID, int64(in.FinancingNominal), in.FinancingQuota, in.BudgetLimit,
			in.FinancingToAccountingDays, in.ChildrenTotal, int64(in.SocialHours)); err != nil {
			return fmt.Errorf("save settings: %w", mapError(err))
		}
		if in.ContractOfferDays == 0 {
			in.ContractOfferDays = cur.ContractOfferDays
		}
		if in.SocialHoursByAge != nil {
			if err := saveHoursByAge(ctx, tx, in.MunicipalityID, cur.PeriodID, in.SocialHoursByAge); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE municipalities SET contract_offer_days = ? WHERE id = ?", in.ContractOfferDays, in.MunicipalityID); err != nil {
			return fmt.Errorf("save offer days: %w", mapError(err))
		}
		if delta := in.FinancingNominal - cur.FinancingNominal; delta != 0 {
			if err := renominate(ctx, tx, in.MunicipalityID, cur.PeriodID, cur.FinancingNominal, in.FinancingNominal); err != nil {
				return err
			}
		}
		if in.FinancingQuota > cur.FinancingQuota {
			if _, err := serveQueue(ctx, tx, in.MunicipalityID, cur.PeriodID); err != nil {
				return err
			}
		}
		if audit != nil {
			e := *audit
			e.Details = fmt.Sprintf("номинал %s → %s, квота %d → %d, лимит %d → %d, дней %d → %d, детей %d → %d, дней на акцепт %d → %d",
				cur.FinancingNominal.Russian(), in.FinancingNominal.Russian(), cur.FinancingQuota, in.FinancingQuota,
				cur.BudgetLimit, in.BudgetLimit, cur.FinancingToAccountingDays, in.FinancingToAccountingDays, cur.ChildrenTotal, in.ChildrenTotal,
				cur.ContractOfferDays, in.ContractOfferDays)
			if err := auditSubject(ctx, tx, &e, "municipality", in.MunicipalityID); err != nil {
				return err
			}
		}
		out, err = municipalitySettings(ctx, tx, in.MunicipalityID)
		return err
	})
	return out, err
}

// renominate gives the new nominal to the period's financing certificates
// that had the old one, writing the difference to each one's ledger.
func renominate(ctx context.Context, tx *Tx, municipalityID, periodID int64, from, to navigator.Money) error {
	rows, err := tx.Query(ctx, `SELECT id FROM certificates WHERE municipality_id = ? AND period_id = ? AND type = 'financing'
		AND status <> 'closed' AND nominal = ?`, municipalityID, periodID, int64(from))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	kind, amount := "nominal", to-from
	if amount < 0 {
		kind, amount = "expire", -amount
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "UPDATE certificates SET nominal = ?, balance = balance + ? WHERE id = ?", int64(to), int64(to-from), id); err != nil {
			return fmt.Errorf("renominate: %w", mapError(err))
		}
		if err := ledger(ctx, tx, id, periodID, kind, amount, "Муниципалитет изменил номинал на период"); err != nil {
			return err
		}
	}
	return nil
}
