package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// nextCertificateNumber takes the next number of the municipality's
// counter inside tx: region code, municipality code, six digits. The
// counter row is written in the same transaction as the certificate, so a
// number is never handed out twice nor reused after a rollback leaves a
// gap (gaps are allowed; reuse is not).
func nextCertificateNumber(ctx context.Context, tx *Tx, municipalityID int64) (string, error) {
	var region, mun string
	if err := tx.QueryRow(ctx, `SELECT r.code, m.code FROM region r, municipalities m WHERE r.id = 1 AND m.id = ?`,
		municipalityID).Scan(&region, &mun); err != nil {
		return "", fmt.Errorf("certificate number: region or municipality %d: %w", municipalityID, mapError(err))
	}
	var n int64
	if err := tx.QueryRow(ctx, `INSERT INTO certificate_counters (municipality_id, last_value) VALUES (?, 1)
		ON CONFLICT (municipality_id) DO UPDATE SET last_value = certificate_counters.last_value + 1
		RETURNING last_value`, municipalityID).Scan(&n); err != nil {
		if c, _ := violation(err); c == checkViolation {
			return "", fmt.Errorf("certificate numbers of municipality %s are exhausted", mun)
		}
		return "", fmt.Errorf("certificate number: %w", err)
	}
	return fmt.Sprintf("%s%s%06d", region, mun, n), nil
}

const certificateColumns = `s.id, s.child_id, s.number, s.type, s.status, s.unit, s.nominal, s.balance, s.reserve,
	s.municipality_id, COALESCE(s.organization_id, 0), COALESCE(s.issued_by_staff, 0), s.issued_at, s.data_source, s.papers_kept,
	s.hours_nominal, s.hours_balance, s.hours_reserve`

func findCertificate(ctx context.Context, tx *Tx, where string, arg any) (*navigator.Certificate, error) {
	var c navigator.Certificate
	var issued time.Time
	err := tx.QueryRow(ctx, "SELECT "+certificateColumns+" FROM certificates s WHERE "+where, arg).Scan(&c.ID, &c.ChildID, &c.Number,
		&c.Type, &c.Status, &c.Unit, &c.Nominal, &c.Balance, &c.Reserve, &c.MunicipalityID, &c.OrganizationID, &c.IssuedBy, &issued,
		&c.DataSource, &c.PapersKept, &c.HoursNominal, &c.HoursBalance, &c.HoursReserve)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Сертификат не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	c.IssuedAt = issued.UTC()
	return &c, nil
}

// Certificate returns a certificate by its number.
func (db *DB) Certificate(ctx context.Context, number string) (*navigator.Certificate, error) {
	var c *navigator.Certificate
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		if c, err = findCertificate(ctx, tx, "s.number = ?", number); err != nil {
			return err
		}
		c.FinancingQueue, err = queuePosition(ctx, tx, c.ID)
		return err
	})
	return c, err
}

// Issue is a request to issue a child's certificate.
type Issue struct {
	ChildID        int64
	Type           navigator.CertificateType
	Nominal        *navigator.Money // financing only; nil: the municipality's nominal for the current period
	StaffID        int64            // 0 when the parent requests it online
	OrganizationID int64
	DataSource     string // manual, contingent, contingent_unavailable, contingent_not_found, without_personal_data
	PapersKept     bool
}

// currentPeriod returns the current period and the municipality's
// settings for it.
func currentPeriod(ctx context.Context, tx *Tx, municipalityID int64) (periodID int64, nominal navigator.Money, err error) {
	err = tx.QueryRow(ctx, `SELECT p.id, COALESCE(mp.financing_nominal, 0) FROM periods p
		LEFT JOIN municipality_periods mp ON mp.period_id = p.id AND mp.municipality_id = ? WHERE p.is_current = TRUE`, municipalityID).
		Scan(&periodID, &nominal)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, navigator.Errorf(navigator.KindConflict, "Текущий период не открыт: сертификат финансирования выдать нельзя. Обратитесь к администратору региона.")
	}
	return periodID, nominal, err
}

// IssueCertificate gives a child its number, once for life. The check that
// the child has none, the counter and the insert are one transaction, and
// the unique index on child_id settles any race: one number, the rest get
// a conflict.
func (db *DB) IssueCertificate(ctx context.Context, is Issue, audit *AuditEntry) (*navigator.Certificate, error) {
	var cert *navigator.Certificate
	err := db.Update(ctx, func(tx *Tx) error {
		var err error
		if cert, err = issueCertificate(ctx, tx, is); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", is.ChildID)
	})
	if err != nil {
		return nil, err
	}
	return cert, nil
}

// issueCertificate is IssueCertificate inside tx.
func issueCertificate(ctx context.Context, tx *Tx, is Issue) (*navigator.Certificate, error) {
	var c ChildRecord
	if err := findChild(ctx, tx, is.ChildID, &c); err != nil {
		return nil, err
	}
	if c.Deleted {
		return nil, navigator.Errorf(navigator.KindConflict, "Карточка ребёнка удалена: восстановите её, чтобы выдать сертификат.")
	}
	if c.Certificate != nil {
		return nil, certificateExists(c.Certificate.Number)
	}
	if is.Type != navigator.CertificateUnconfirmed && !c.Confirmed {
		return nil, navigator.Invalid(navigator.FieldError{Field: "type", Code: "unconfirmed",
			Message: "Сертификат учёта или финансирования выдаётся только после подтверждения данных ребёнка. Сначала нажмите «Подтвердить»."})
	}
	var period any
	nominal := navigator.Money(0)
	var queueFor int64 // the period whose financing queue the request waits in
	if is.Type == navigator.CertificateFinancing {
		pid, def, err := currentPeriod(ctx, tx, c.MunicipalityID)
		if err != nil {
			return nil, err
		}
		period, nominal = pid, def
		if is.Nominal != nil {
			nominal = *is.Nominal
		}
		if regime, _, err := periodRegime(ctx, tx, c.MunicipalityID, pid); err != nil {
			return nil, err
		} else if regime == navigator.RegimeSocial {
			nominal, def = 0, 0 // a social certificate counts the municipality's hours, not roubles
		}
		if err := navigator.CheckNominal(nominal, def); err != nil {
			return nil, err
		}
		free, err := placeFree(ctx, tx, c.MunicipalityID, pid)
		if err != nil {
			return nil, err
		}
		if !free {
			is.Type, period, nominal, queueFor = navigator.CertificateAccounting, nil, 0, pid
		}
	}
	number, err := nextCertificateNumber(ctx, tx, c.MunicipalityID)
	if err != nil {
		return nil, err
	}
	source := is.DataSource
	if source == "" {
		source = "manual"
	}
	id, err := tx.InsertID(ctx, `INSERT INTO certificates (child_id, number, type, period_id, nominal, balance, municipality_id,
			organization_id, issued_by_staff, requested_online, data_source, papers_kept, issued_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		is.ChildID, number, string(is.Type), period, int64(nominal), int64(nominal), c.MunicipalityID, nullID(is.OrganizationID),
		nullID(is.StaffID), is.StaffID == 0, source, is.PapersKept, tx.Now())
	if isUnique(err, "child_id") {
		return nil, certificateExists("")
	}
	if err != nil {
		return nil, fmt.Errorf("issue certificate: %w", mapError(err))
	}
	social := false
	if is.Type == navigator.CertificateFinancing {
		if social, err = socialNominal(ctx, tx, id, c.MunicipalityID, period.(int64), "Объём социального сертификата на период"); err != nil {
			return nil, err
		}
	}
	if nominal > 0 && !social {
		if err := ledger(ctx, tx, id, period.(int64), "nominal", nominal, "Номинал на период"); err != nil {
			return nil, err
		}
	}
	cert, err := findCertificate(ctx, tx, "s.id = ?", id)
	if err != nil || queueFor == 0 {
		return cert, err
	}
	cert.FinancingQueue, err = enqueueFinancing(ctx, tx, id, c.MunicipalityID, queueFor)
	return cert, err
}

func certificateExists(number string) error {
	msg := "У ребёнка уже есть сертификат: номер выдаётся один раз на всю жизнь."
	if number != "" {
		msg = "У ребёнка уже есть сертификат № " + number + ": номер выдаётся один раз на всю жизнь."
	}
	return &navigator.Error{Kind: navigator.KindConflict, Code: "already_issued", Message: msg}
}

// ledger appends a money entry.
func ledger(ctx context.Context, tx *Tx, certificateID, periodID int64, kind string, amount navigator.Money, note string) error {
	return contractLedger(ctx, tx, certificateID, periodID, kind, amount, 0, note)
}

// contractLedger appends a money entry of a contract (contractID 0: none).
func contractLedger(ctx context.Context, tx *Tx, certificateID, periodID int64, kind string, amount navigator.Money, contractID int64, note string) error {
	_, err := tx.Exec(ctx, `INSERT INTO ledger_entries (certificate_id, period_id, kind, amount, contract_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		certificateID, periodID, kind, int64(amount), nullID(contractID), note, tx.Now())
	if err != nil {
		return fmt.Errorf("ledger: %w", mapError(err))
	}
	return nil
}

// Confirm records that an operator checked the child's data in person,
// first recording the СНИЛС when one is given (snilsHash not empty). A
// resident's child needs a СНИЛС on record; an unconfirmed certificate
// becomes an accounting one with the same number.
func (db *DB) Confirm(ctx context.Context, childID, staffID, organizationID int64, snilsSealed []byte, snilsHash string, audit *AuditEntry) (*ChildRecord, error) {
	var c ChildRecord
	err := db.Update(ctx, func(tx *Tx) error {
		if err := confirmChild(ctx, tx, childID, staffID, organizationID, snilsSealed, snilsHash); err != nil {
			return err
		}
		if err := findChild(ctx, tx, childID, &c); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", childID)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// confirmChild is Confirm inside tx.
func confirmChild(ctx context.Context, tx *Tx, childID, staffID, organizationID int64, snilsSealed []byte, snilsHash string) error {
	if snilsHash != "" {
		if err := setSNILS(ctx, tx, childID, snilsSealed, snilsHash); err != nil {
			return err
		}
	}
	var c ChildRecord
	if err := findChild(ctx, tx, childID, &c); err != nil {
		return err
	}
	if c.Confirmed {
		return navigator.Errorf(navigator.KindConflict, "Данные ребёнка уже подтверждены.").WithCode("already_confirmed")
	}
	if c.ResidentRF && !c.HasSNILS {
		return navigator.Invalid(navigator.FieldError{Field: "snils", Code: "required",
			Message: "Для подтверждения нужен СНИЛС ребёнка: родитель — резидент РФ. Если у семьи нет гражданства РФ, снимите отметку «Резидент РФ» в карточке пользователя."})
	}
	if _, err := tx.Exec(ctx, `INSERT INTO confirmations (child_id, staff_id, organization_id, without_snils, confirmed_at) VALUES (?, ?, ?, ?, ?)`,
		childID, staffID, organizationID, !c.HasSNILS, tx.Now()); err != nil {
		if isUnique(err, "child_id") {
			return navigator.Errorf(navigator.KindConflict, "Данные ребёнка уже подтверждены.").WithCode("already_confirmed")
		}
		return fmt.Errorf("confirm: %w", mapError(err))
	}
	if c.Certificate != nil && c.Certificate.Type == navigator.CertificateUnconfirmed {
		if _, err := tx.Exec(ctx, "UPDATE certificates SET type = 'accounting', type_changed_at = ?, organization_id = COALESCE(organization_id, ?) WHERE id = ?",
			tx.Now(), organizationID, c.Certificate.ID); err != nil {
			return fmt.Errorf("confirm: certificate: %w", err)
		}
	}
	return nil
}

// ConfirmAndIssue is «Сгенерировать номер сертификата» at the end of seed
// 004: the child is confirmed, when not yet, and the certificate issued in
// one transaction.
func (db *DB) ConfirmAndIssue(ctx context.Context, is Issue, audit *AuditEntry) (*navigator.Certificate, error) {
	var cert *navigator.Certificate
	err := db.Update(ctx, func(tx *Tx) error {
		var c ChildRecord
		if err := findChild(ctx, tx, is.ChildID, &c); err != nil {
			return err
		}
		if !c.Confirmed {
			if err := confirmChild(ctx, tx, is.ChildID, is.StaffID, is.OrganizationID, nil, ""); err != nil {
				return err
			}
		}
		var err error
		if cert, err = issueCertificate(ctx, tx, is); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", is.ChildID)
	})
	if err != nil {
		return nil, err
	}
	return cert, nil
}

// ChangeCertificate changes a certificate's type (and a financing one's
// nominal); the number stays.
func (db *DB) ChangeCertificate(ctx context.Context, number string, typ navigator.CertificateType, nominal *navigator.Money, audit *AuditEntry) (*navigator.Certificate, error) {
	var cert *navigator.Certificate
	err := db.Update(ctx, func(tx *Tx) error {
		old, err := findCertificate(ctx, tx, "s.number = ?", number)
		if err != nil {
			return err
		}
		var c ChildRecord
		if err := findChild(ctx, tx, old.ChildID, &c); err != nil {
			return err
		}
		var oldPeriod sql.NullInt64 // none for a certificate never financed
		if err := tx.QueryRow(ctx, "SELECT period_id FROM certificates WHERE id = ?", old.ID).Scan(&oldPeriod); err != nil {
			return err
		}
		ch := navigator.CertificateChange{Old: *old, ChildConfirmed: c.Confirmed, To: typ, Nominal: nominal}
		if err := ch.Check(); err != nil {
			return err
		}
		var period int64
		if typ == navigator.CertificateFinancing {
			if period, ch.PeriodNominal, err = currentPeriod(ctx, tx, c.MunicipalityID); err != nil {
				return err
			}
			if regime, _, err := periodRegime(ctx, tx, c.MunicipalityID, period); err != nil {
				return err
			} else if regime == navigator.RegimeSocial {
				ch.PeriodNominal, ch.Nominal = 0, nil // a social certificate counts hours, not roubles
			}
			if ch.NeedsQuota() {
				if ch.QuotaFree, err = placeFree(ctx, tx, c.MunicipalityID, period); err != nil {
					return err
				}
			}
		}
		plan, err := ch.Plan()
		if err != nil {
			return err
		}
		if plan.Queue {
			// The quota is full: the request waits, the certificate stays as it is.
			if cert, err = findCertificate(ctx, tx, "s.id = ?", old.ID); err != nil {
				return err
			}
			if cert.FinancingQueue, err = enqueueFinancing(ctx, tx, old.ID, c.MunicipalityID, period); err != nil {
				return err
			}
			return auditSubject(ctx, tx, audit, "child", old.ChildID)
		}
		for _, m := range plan.Ledger {
			pid := period
			if m.InOldPeriod {
				pid = oldPeriod.Int64
			}
			if err := ledger(ctx, tx, old.ID, pid, m.Kind, m.Amount, m.Note); err != nil {
				return err
			}
		}
		newPeriod := any(nil) // keeps the certificate's period
		if plan.ToCurrentPeriod {
			newPeriod = period
		}
		if _, err := tx.Exec(ctx, `UPDATE certificates SET type = ?, nominal = ?, balance = ?, period_id = COALESCE(?, period_id),
				type_changed_at = ? WHERE id = ?`, string(typ), int64(plan.Nominal), int64(plan.Balance), newPeriod, tx.Now(), old.ID); err != nil {
			return fmt.Errorf("change certificate: %w", mapError(err))
		}
		if typ == navigator.CertificateFinancing && old.Type != navigator.CertificateFinancing {
			if _, err := socialNominal(ctx, tx, old.ID, c.MunicipalityID, period, "Объём социального сертификата на период"); err != nil {
				return err
			}
		}
		if old.Social() && typ != navigator.CertificateFinancing {
			if err := expireHours(ctx, tx, old.ID, oldPeriod.Int64, "Сертификат больше не сертификат финансирования"); err != nil {
				return err
			}
		}
		if plan.FreesQuota {
			// A place in the quota freed: the first in the queue gets it.
			if _, err := serveQueue(ctx, tx, c.MunicipalityID, oldPeriod.Int64); err != nil {
				return err
			}
		}
		if cert, err = findCertificate(ctx, tx, "s.id = ?", old.ID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", old.ChildID)
	})
	return cert, err
}

// SetCertificateStatus freezes, unfreezes or closes a certificate. A
// certificate with open contracts cannot be frozen.
func (db *DB) SetCertificateStatus(ctx context.Context, number string, status navigator.CertificateStatus, audit *AuditEntry) (*navigator.Certificate, error) {
	var cert *navigator.Certificate
	err := db.Update(ctx, func(tx *Tx) error {
		old, err := findCertificate(ctx, tx, "s.number = ?", number)
		if err != nil {
			return err
		}
		if old.Status == navigator.CertificateClosed {
			return navigator.Errorf(navigator.KindConflict, "Сертификат закрыт и не может быть изменён.")
		}
		if status == navigator.CertificateFrozen {
			var open int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM contracts WHERE certificate_id = ? AND status <> 'ended'", old.ID).Scan(&open); err != nil {
				return err
			}
			if open > 0 {
				return navigator.Errorf(navigator.KindConflict, "Сертификат нельзя заморозить: по нему есть действующие договоры.").WithCode("open_contracts")
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE certificates SET status = ?, status_changed_at = ? WHERE id = ?", string(status), tx.Now(), old.ID); err != nil {
			return err
		}
		if old.Type == navigator.CertificateFinancing && status == navigator.CertificateClosed {
			// A place in the quota freed: the first in the queue gets it.
			var period int64
			if err := tx.QueryRow(ctx, "SELECT period_id FROM certificates WHERE id = ?", old.ID).Scan(&period); err != nil {
				return err
			}
			if _, err := serveQueue(ctx, tx, old.MunicipalityID, period); err != nil {
				return err
			}
		}
		if cert, err = findCertificate(ctx, tx, "s.id = ?", old.ID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", old.ChildID)
	})
	return cert, err
}

// CloseAdultCertificates closes the certificates of children who turned
// 18 by the day; it is the nightly job's work and safe to run again.
func (db *DB) CloseAdultCertificates(ctx context.Context, today navigator.Date) (int64, error) {
	var n int64
	cutoff := navigator.NewDate(today.Time().Year()-18, today.Time().Month(), today.Time().Day())
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE certificates SET status = 'closed', status_changed_at = ?
			WHERE status <> 'closed' AND child_id IN (SELECT id FROM children WHERE birth_date <= ?)`, tx.Now(), cutoff)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		_, err = serveAllQueues(ctx, tx) // closed financing certificates free their places
		return err
	})
	return n, err
}
