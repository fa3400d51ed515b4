package store

import (
	"context"
	"fmt"

	"navigator"
)

// QuickIssue is «Выдача без персональных данных» (seed 000) on one screen.
type QuickIssue struct {
	MunicipalityID int64
	Email          string // prepared by the office beforehand
	BirthDate      navigator.Date
	Sex            navigator.Sex
	Type           navigator.CertificateType // accounting, or financing
	StaffID        int64
	OrganizationID int64
}

// Placeholder data of seed 000 for a parent who refuses to give theirs.
const (
	PlaceholderLastName   = navigator.PlaceholderLastName
	PlaceholderFirstName  = navigator.PlaceholderFirstName
	PlaceholderPatronymic = navigator.PlaceholderPatronymic
	PlaceholderPhone      = navigator.PlaceholderPhone
)

// QuickIssueResult is what the shortcut made.
type QuickIssueResult struct {
	SiteUser    navigator.SiteUser
	ChildID     int64
	Certificate *navigator.Certificate
}

// IssueWithoutPersonalData performs the seven steps of seed 000 in one
// transaction: a site user with the placeholder data and the office's
// e-mail, not a resident of the RF; a child with the placeholder names,
// the birth date and sex; the confirmation without СНИЛС; the certificate. Either all of it
// is saved or none.
func (db *DB) IssueWithoutPersonalData(ctx context.Context, q QuickIssue, audit *AuditEntry) (*QuickIssueResult, error) {
	res := &QuickIssueResult{}
	err := db.Update(ctx, func(tx *Tx) error {
		if err := municipalityExists(ctx, tx, q.MunicipalityID); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM site_users WHERE email = ?) + (SELECT count(*) FROM staff WHERE email = ?)",
			q.Email, q.Email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return emailTaken()
		}
		uid, err := tx.InsertID(ctx, `INSERT INTO site_users (municipality_id, last_name, first_name, patronymic, phone, email,
				email_verified, resident_rf, paper_consent_by, created_by_staff_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, TRUE, FALSE, ?, ?, ?, ?)`, q.MunicipalityID, PlaceholderLastName, PlaceholderFirstName,
			PlaceholderPatronymic, PlaceholderPhone, q.Email, q.StaffID, q.StaffID, tx.Now(), tx.Now())
		if err != nil {
			return fmt.Errorf("quick issue: site user: %w", mapError(err))
		}
		// The child carries the same placeholder names, as the memo's
		// figure 6 shows them («ФИО ребенка: Без Внесения Данных»).
		cid, err := tx.InsertID(ctx, `INSERT INTO children (site_user_id, last_name, first_name, patronymic, birth_date, sex, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, uid, PlaceholderLastName, PlaceholderFirstName, PlaceholderPatronymic,
			q.BirthDate, string(q.Sex), tx.Now(), tx.Now())
		if err != nil {
			return fmt.Errorf("quick issue: child: %w", mapError(err))
		}
		if _, err := tx.Exec(ctx, `INSERT INTO confirmations (child_id, staff_id, organization_id, without_snils, confirmed_at) VALUES (?, ?, ?, TRUE, ?)`,
			cid, q.StaffID, q.OrganizationID, tx.Now()); err != nil {
			return fmt.Errorf("quick issue: confirmation: %w", mapError(err))
		}
		if err := findSiteUser(ctx, tx, uid, &res.SiteUser); err != nil {
			return err
		}
		res.ChildID = cid
		res.Certificate, err = issueCertificate(ctx, tx, Issue{ChildID: cid, Type: q.Type, StaffID: q.StaffID,
			OrganizationID: q.OrganizationID, DataSource: "without_personal_data", PapersKept: true})
		if err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", cid)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
