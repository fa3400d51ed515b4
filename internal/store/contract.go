package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// termsInputs gathers inside tx what an application's contract terms are
// computed from; certID is the child's certificate, if any.
func termsInputs(ctx context.Context, tx *Tx, appID int64) (navigator.TermsInput, *navigator.Certificate, error) {
	var registry navigator.Registry
	var in navigator.TermsInput
	var certID sql.NullInt64
	var direction string
	if err := tx.QueryRow(ctx, `SELECT p.registry, m.price, m.normative_cost, g.starts_on, g.ends_on, s.id, p.direction, m.hours, m.months
		FROM applications a JOIN groups g ON g.id = a.group_id JOIN modules m ON m.id = g.module_id JOIN programs p ON p.id = g.program_id
		LEFT JOIN certificates s ON s.child_id = a.child_id WHERE a.id = ?`, appID).
		Scan(&registry, &in.Price, &in.Normative, &in.GroupStarts, &in.GroupEnds, &certID, &direction, &in.ModuleHours, &in.ModuleMonths); err != nil {
		return in, nil, fmt.Errorf("terms of application %d: %w", appID, err)
	}
	in.Today = navigator.Today(tx.Now())
	var cert *navigator.Certificate
	if certID.Valid {
		var err error
		if cert, err = findCertificate(ctx, tx, "s.id = ?", certID.Int64); err != nil {
			return in, nil, err
		}
		in.CertificatePays = registry == navigator.RegistryCertified && cert.Type == navigator.CertificateFinancing && cert.Status == navigator.CertificateActive
		in.Balance = cert.Balance
		if in.CertificatePays && cert.Social() {
			in.Social, in.HoursBalance = true, cert.HoursBalance
			starts := in.GroupStarts
			if starts.Before(in.Today) {
				starts = in.Today
			}
			if err := tx.QueryRow(ctx, "SELECT COALESCE((SELECT hour_cost FROM social_orders WHERE municipality_id = ? AND year = ? AND direction = ?), 0)",
				cert.MunicipalityID, starts.Time().Year(), direction).Scan(&in.HourCost); err != nil {
				return in, nil, fmt.Errorf("cost of an hour: %w", err)
			}
		}
	}
	return in, cert, nil
}

// contractNumber is the number an application's offer and contract carry.
func contractNumber(appID int64) string { return fmt.Sprintf("Д-%06d", appID) }

// offerContract makes the contract offer of an accepted application: the
// terms as of today, open for the municipality's number of days.
func offerContract(ctx context.Context, tx *Tx, appID, staffID int64) (*ContractOffer, error) {
	in, _, err := termsInputs(ctx, tx, appID)
	if err != nil {
		return nil, err
	}
	terms, err := navigator.ContractTerms(in)
	if err != nil {
		return nil, err
	}
	var days int
	if err := tx.QueryRow(ctx, `SELECT m.contract_offer_days FROM applications a JOIN groups g ON g.id = a.group_id
		JOIN programs p ON p.id = g.program_id JOIN municipalities m ON m.id = p.municipality_id WHERE a.id = ?`, appID).Scan(&days); err != nil {
		return nil, fmt.Errorf("offer days: %w", err)
	}
	o := &ContractOffer{Number: contractNumber(appID), Terms: terms, ExpiresOn: navigator.OfferExpiresOn(in.Today, days)}
	var by any
	if staffID != 0 {
		by = staffID
	}
	if o.ID, err = tx.InsertID(ctx, `INSERT INTO contract_offers (application_id, number, starts_on, ends_on, price_per_month, certificate_monthly,
			family_monthly, offered_by, offered_at, expires_on, unit, hours_monthly, hour_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		appID, o.Number, terms.StartsOn, terms.EndsOn, int64(terms.PricePerMonth), int64(terms.CertificateMonthly), int64(terms.FamilyMonthly),
		by, tx.Now(), o.ExpiresOn, terms.Unit, int64(terms.HoursMonthly), int64(terms.HourCost)); err != nil {
		return nil, fmt.Errorf("contract offer: %w", mapError(err))
	}
	return o, nil
}

// ContractOffer is an offer as made.
type ContractOffer struct {
	ID        int64
	Number    string
	Terms     navigator.Terms
	ExpiresOn navigator.Date
}

// openOffer loads the application's offer inside tx; a missing, answered
// or lapsed offer is the conflict not_offered.
func openOffer(ctx context.Context, tx *Tx, appID int64) (*ContractOffer, error) {
	o := &ContractOffer{}
	var status string
	err := tx.QueryRow(ctx, `SELECT id, number, status, starts_on, ends_on, price_per_month, certificate_monthly, family_monthly, expires_on,
		unit, hours_monthly, hour_cost FROM contract_offers WHERE application_id = ?`, appID).Scan(&o.ID, &o.Number, &status, &o.Terms.StartsOn, &o.Terms.EndsOn,
		&o.Terms.PricePerMonth, &o.Terms.CertificateMonthly, &o.Terms.FamilyMonthly, &o.ExpiresOn, &o.Terms.Unit, &o.Terms.HoursMonthly, &o.Terms.HourCost)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &navigator.Error{Kind: navigator.KindConflict, Code: "not_offered", Message: "По этой заявке нет договора-оферты, ожидающего акцепта."}
	}
	if err != nil {
		return nil, fmt.Errorf("offer of application %d: %w", appID, err)
	}
	if status != "offered" {
		return nil, &navigator.Error{Kind: navigator.KindConflict, Code: "not_offered", Message: "Договор-оферта по этой заявке уже не ожидает акцепта."}
	}
	if o.ExpiresOn.Before(navigator.Today(tx.Now())) {
		return nil, &navigator.Error{Kind: navigator.KindConflict, Code: "not_offered",
			Message: fmt.Sprintf("Срок акцепта оферты истёк %s.", o.ExpiresOn.Russian())}
	}
	o.Terms.Months = navigator.MonthsSpanned(o.Terms.StartsOn, o.Terms.EndsOn)
	return o, nil
}

// conclude makes the contract of an application from terms computed now,
// reserves the certificate's share for every month and enrols the child.
func conclude(ctx context.Context, tx *Tx, appID int64, terms navigator.Terms, cert *navigator.Certificate) (*Contract, error) {
	k := &Contract{Number: contractNumber(appID), StartsOn: terms.StartsOn, EndsOn: terms.EndsOn, Months: terms.Months,
		PricePerMonth: terms.PricePerMonth, CertificateMonthly: terms.CertificateMonthly, FamilyMonthly: terms.FamilyMonthly, Reserved: terms.Reserved(),
		Unit: terms.Unit, HoursMonthly: terms.HoursMonthly, HourCost: terms.HourCost, ReservedHours: terms.ReservedHours()}
	if k.Unit == "" {
		k.Unit = navigator.UnitRub
	}
	var certArg any
	if cert != nil {
		certArg = cert.ID
	}
	var err error
	if k.ID, err = tx.InsertID(ctx, `INSERT INTO contracts (application_id, certificate_id, number, starts_on, ends_on, price_per_month,
			certificate_monthly, family_monthly, created_at, unit, hours_monthly, hour_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, certArg, k.Number, k.StartsOn, k.EndsOn,
		int64(k.PricePerMonth), int64(k.CertificateMonthly), int64(k.FamilyMonthly), tx.Now(), k.Unit, int64(k.HoursMonthly), int64(k.HourCost)); err != nil {
		return nil, fmt.Errorf("contract: %w", mapError(err))
	}
	if terms.Unit == navigator.UnitHour {
		if err := reserveHours(ctx, tx, appID, k, terms, cert); err != nil {
			return nil, err
		}
	}
	if k.Reserved > 0 {
		var periodID int64
		if err := tx.QueryRow(ctx, "SELECT period_id FROM certificates WHERE id = ?", cert.ID).Scan(&periodID); err != nil {
			return nil, err
		}
		if err := contractLedger(ctx, tx, cert.ID, periodID, "reserve", k.Reserved, k.ID, fmt.Sprintf("Резерв по договору %s", k.Number)); err != nil {
			return nil, err
		}
		if _, err := tx.Exec(ctx, "UPDATE certificates SET balance = balance - ?, reserve = reserve + ? WHERE id = ?", int64(k.Reserved), int64(k.Reserved), cert.ID); err != nil {
			return nil, mapError(err)
		}
	}
	if err := setStatus(ctx, tx, appID, navigator.AppEnrolled, ""); err != nil {
		return nil, err
	}
	return k, nil
}

// AcceptContractOffer is the parent's acceptance (акцепт) of the offer of
// their application: recorded with the time, the account and the address
// it came from, it makes the contract active and the child enrolled and
// reserves the certificate's money, in one transaction. When the terms
// computed now would ask more of the family than the offer it read (the
// certificate's balance went to another contract, the price changed), the
// offer is made again with the new terms and the answer is the conflict
// terms_changed: the parent reads it and accepts again.
func (db *DB) AcceptContractOffer(ctx context.Context, siteUserID, appID int64, from string, audit *AuditEntry) (*Contract, error) {
	var k *Contract
	var changed *navigator.Error
	err := db.Update(ctx, func(tx *Tx) error {
		if err := ownApplication(ctx, tx, siteUserID, appID); err != nil {
			return err
		}
		o, err := openOffer(ctx, tx, appID)
		if err != nil {
			return err
		}
		in, cert, err := termsInputs(ctx, tx, appID)
		if err != nil {
			return err
		}
		terms, err := navigator.ContractTerms(in)
		if err != nil {
			return err
		}
		if terms.WorseForFamily(o.Terms) {
			if _, err := tx.Exec(ctx, `UPDATE contract_offers SET starts_on = ?, ends_on = ?, price_per_month = ?, certificate_monthly = ?,
				family_monthly = ? WHERE id = ?`, terms.StartsOn, terms.EndsOn, int64(terms.PricePerMonth), int64(terms.CertificateMonthly),
				int64(terms.FamilyMonthly), o.ID); err != nil {
				return err
			}
			changed = &navigator.Error{Kind: navigator.KindConflict, Code: "terms_changed", Message: fmt.Sprintf(
				"Условия договора изменились: семья платит %s в месяц вместо %s. Прочтите договор ещё раз и примите его, если согласны.",
				terms.FamilyMonthly.Russian(), o.Terms.FamilyMonthly.Russian())}
			return auditSubject(ctx, tx, &AuditEntry{ActorRole: audit.ActorRole, ActorID: audit.ActorID, IP: audit.IP,
				Action: "contract.terms_changed"}, "application", appID)
		}
		if k, err = conclude(ctx, tx, appID, terms, cert); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE contract_offers SET status = 'accepted', answered_at = ?, accepted_by = ?, accepted_from = ? WHERE id = ?",
			tx.Now(), siteUserID, from, o.ID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
	if err == nil && changed != nil {
		return nil, changed
	}
	return k, err
}

// ownApplication is not found unless the application is the site user's.
func ownApplication(ctx context.Context, tx *Tx, siteUserID, appID int64) error {
	var owner int64
	err := tx.QueryRow(ctx, "SELECT site_user_id FROM applications WHERE id = ?", appID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != siteUserID) {
		return navigator.NotFound("Заявка не найдена.")
	}
	return err
}

// EnrollApplication is the provider's record of a contract signed on
// paper: from an application on review (the offer is made and concluded
// at once) or one whose offer awaits the parent. The contract is made
// from the terms of today, reserving the certificate's money as an
// acceptance in the cabinet does.
func (db *DB) EnrollApplication(ctx context.Context, appID, organizationID, staffID int64, audit *AuditEntry) (*Contract, error) {
	var k *Contract
	err := db.Update(ctx, func(tx *Tx) error {
		_, status, err := appForProvider(ctx, tx, appID, organizationID)
		if err != nil {
			return err
		}
		switch status {
		case navigator.AppPending:
			if _, err := offerContract(ctx, tx, appID, staffID); err != nil {
				return err
			}
		case navigator.AppAccepted:
		default:
			return navigator.Errorf(navigator.KindConflict, "Зачислить можно по заявке на рассмотрении или принятой, а эта — «%s».", status.Title())
		}
		o, err := openOffer(ctx, tx, appID)
		if err != nil {
			return err
		}
		in, cert, err := termsInputs(ctx, tx, appID)
		if err != nil {
			return err
		}
		terms, err := navigator.ContractTerms(in)
		if err != nil {
			return err
		}
		if k, err = conclude(ctx, tx, appID, terms, cert); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE contract_offers SET status = 'paper', answered_at = ?, paper_by = ? WHERE id = ?", tx.Now(), staffID, o.ID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
	return k, err
}

// withdrawOffer closes the open offer of an application that is
// cancelled or rejected before acceptance.
func withdrawOffer(ctx context.Context, tx *Tx, appID int64) error {
	_, err := tx.Exec(ctx, "UPDATE contract_offers SET status = 'withdrawn', answered_at = ? WHERE application_id = ? AND status = 'offered'", tx.Now(), appID)
	return err
}

// ExpireContractOffers lapses the offers not accepted by their last day:
// the application is cancelled with the reason, and its seat goes to the
// first application of the wait list. Each offer is its own transaction
// and a second run finds nothing to do.
func (db *DB) ExpireContractOffers(ctx context.Context, today navigator.Date) (int64, error) {
	var ids []int64
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		ids, err = tx.ids(ctx, "SELECT application_id FROM contract_offers WHERE status = 'offered' AND expires_on < ? ORDER BY id", today)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("expired offers: %w", err)
	}
	var n int64
	for _, appID := range ids {
		err := db.Update(ctx, func(tx *Tx) error {
			var expires navigator.Date
			var groupID int64
			err := tx.QueryRow(ctx, `SELECT o.expires_on, a.group_id FROM contract_offers o JOIN applications a ON a.id = o.application_id
				WHERE o.application_id = ? AND o.status = 'offered' AND a.status = 'accepted'`, appID).Scan(&expires, &groupID)
			if errors.Is(err, sql.ErrNoRows) {
				return nil // answered meanwhile
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE contract_offers SET status = 'expired', answered_at = ? WHERE application_id = ?", tx.Now(), appID); err != nil {
				return err
			}
			reason := fmt.Sprintf("Договор-оферта не принят до %s включительно: заявка отменена, место передано следующему в очереди.", expires.Russian())
			if err := setStatus(ctx, tx, appID, navigator.AppCancelled, reason); err != nil {
				return err
			}
			if err := freeSeat(ctx, tx, groupID); err != nil {
				return err
			}
			if err := refreshProgramOfGroup(ctx, tx, groupID); err != nil {
				return err
			}
			n++
			return audit(ctx, tx, AuditEntry{ActorRole: "system", Action: "contract.offer_expired", SubjectKind: "application", SubjectID: appID})
		})
		if err != nil {
			return n, fmt.Errorf("expire offer of application %d: %w", appID, err)
		}
	}
	return n, nil
}

// endContract ends the contract in force of an application early, on the
// day chosen (the month of that day is still paid); the charge job closes
// it at the month's end and returns what the certificate still reserves.
func endContract(ctx context.Context, tx *Tx, appID int64, by string, e navigator.ContractEnding) error {
	var starts, ends navigator.Date
	err := tx.QueryRow(ctx, "SELECT starts_on, ends_on FROM contracts WHERE application_id = ? AND status = 'active'", appID).Scan(&starts, &ends)
	if errors.Is(err, sql.ErrNoRows) {
		return navigator.Errorf(navigator.KindConflict, "Договор уже расторгается или прекращён.")
	}
	if err != nil {
		return err
	}
	on, err := navigator.CheckEnding(e, navigator.Today(tx.Now()), starts, ends)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE contracts SET status = 'ending', ended_on = ?, end_reason = ?, ended_by = ?, ended_at = ? WHERE application_id = ? AND status = 'active'",
		on, e.Reason, by, tx.Now(), appID)
	if err != nil {
		return err
	}
	return queueContractEndLetter(ctx, tx, appID, by, on, e.Reason)
}

// queueContractEndLetter tells the parent that the contract ends.
func queueContractEndLetter(ctx context.Context, tx *Tx, appID int64, by string, on navigator.Date, reason string) error {
	var email, title, first, patronymic string
	if err := tx.QueryRow(ctx, `SELECT u.email, p.title, u.first_name, u.patronymic FROM applications a
		JOIN site_users u ON u.id = a.site_user_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id WHERE a.id = ?`, appID).
		Scan(&email, &title, &first, &patronymic); err != nil {
		return fmt.Errorf("contract end letter: %w", err)
	}
	who := "Организатор расторгает договор"
	if by == "parent" {
		who = "Вы расторгли договор"
	}
	number := contractNumber(appID)
	body := fmt.Sprintf("%s\n\n%s № %s на программу «%s». Последний день занятий — %s; этот месяц оплачивается полностью.\nПричина: %s\n\nИстория договора — в личном кабинете, раздел «История заявок».\n",
		navigator.Greeting(first, patronymic), who, number, title, on.Russian(), reason)
	return queueMail(ctx, tx, Mail{To: email, Subject: fmt.Sprintf("Договор № %s прекращается %s", number, on.Russian()), Body: body})
}

// EndMyContract is the parent's early end of their child's contract.
func (db *DB) EndMyContract(ctx context.Context, siteUserID, appID int64, e navigator.ContractEnding, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := ownApplication(ctx, tx, siteUserID, appID); err != nil {
			return err
		}
		if err := endContract(ctx, tx, appID, "parent", e); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
}

// EndContract is the provider's early end of a contract.
func (db *DB) EndContract(ctx context.Context, appID, organizationID int64, e navigator.ContractEnding, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, status, err := appForProvider(ctx, tx, appID, organizationID); err != nil {
			return err
		} else if status != navigator.AppEnrolled {
			return navigator.Errorf(navigator.KindConflict, "Договор есть только у зачисленного ребёнка.")
		}
		if err := endContract(ctx, tx, appID, "provider", e); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "application", appID)
	})
}

// queueOfferLetter queues the letter that tells the parent of an offer.
func queueOfferLetter(ctx context.Context, tx *Tx, appID int64, o *ContractOffer) error {
	var email, title, group, first, patronymic string
	if err := tx.QueryRow(ctx, `SELECT u.email, p.title, g.name, u.first_name, u.patronymic FROM applications a
		JOIN site_users u ON u.id = a.site_user_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id WHERE a.id = ?`, appID).
		Scan(&email, &title, &group, &first, &patronymic); err != nil {
		return fmt.Errorf("offer letter: %w", err)
	}
	body := fmt.Sprintf("%s\n\nОрганизатор принял заявку № %d на программу «%s» (%s) и предлагает договор № %s.\n"+
		"Сертификат оплачивает %s в месяц, семья — %s в месяц; занятия с %s по %s.\n\n"+
		"Прочтите договор и примите его в личном кабинете (раздел «История заявок») до %s включительно. "+
		"Если договор не принять в этот срок, заявка будет отменена, а место перейдёт следующему в очереди.\n",
		navigator.Greeting(first, patronymic), appID, title, group, o.Number, o.Terms.CertificateMonthly.Russian(), o.Terms.FamilyMonthly.Russian(),
		o.Terms.StartsOn.Russian(), o.Terms.EndsOn.Russian(), o.ExpiresOn.Russian())
	return queueMail(ctx, tx, Mail{To: email, Subject: fmt.Sprintf("Заявка № %d принята: примите договор до %s", appID, o.ExpiresOn.Russian()), Body: body})
}
