package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// CertificationRow is a program in the regional admin's queue.
type CertificationRow struct {
	ProgramID     int64  `json:"program_id"`
	Title         string `json:"title"`
	Organization  string `json:"organization"`
	Certification string `json:"certification"`
	Reason        string `json:"reason"`
}

// SendForCertification puts a provider's program in the certification
// queue; it needs a normative cost in every module.
func (db *DB) SendForCertification(ctx context.Context, programID, organizationID int64, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var org int64
		var cert string
		err := tx.QueryRow(ctx, "SELECT organization_id, certification FROM programs WHERE id = ?", programID).Scan(&org, &cert)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
			return navigator.NotFound("Программа не найдена.")
		}
		if err != nil {
			return err
		}
		switch cert {
		case "pending":
			return navigator.Errorf(navigator.KindConflict, "Программа уже на сертификации.")
		case "accepted":
			return navigator.Errorf(navigator.KindConflict, "Программа уже сертифицирована.")
		}
		var missing int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM modules WHERE program_id = ? AND (normative_cost = 0 OR price = 0)", programID).Scan(&missing); err != nil {
			return err
		}
		if missing > 0 {
			return navigator.Invalid(navigator.FieldError{Field: "normative_cost", Code: "required",
				Message: "Для сертификации у каждого модуля должны быть цена и нормативная стоимость."})
		}
		if _, err := tx.Exec(ctx, "UPDATE programs SET certification = 'pending', certification_reason = '' WHERE id = ?", programID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "program", programID)
	})
}

// CertificationQueue lists programs by certification state ("pending" by
// default), oldest first.
func (db *DB) CertificationQueue(ctx context.Context, state string) ([]CertificationRow, error) {
	if state == "" {
		state = "pending"
	}
	out := []CertificationRow{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT p.id, p.title, o.name, p.certification, p.certification_reason FROM programs p
			JOIN organizations o ON o.id = p.organization_id WHERE p.certification = ? ORDER BY p.id`, state)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r CertificationRow
			if err := rows.Scan(&r.ProgramID, &r.Title, &r.Organization, &r.Certification, &r.Reason); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// DecideCertification accepts a program into the certified registry or
// refuses it with a reason.
func (db *DB) DecideCertification(ctx context.Context, programID int64, accept bool, reason string, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var cert string
		err := tx.QueryRow(ctx, "SELECT certification FROM programs WHERE id = ?", programID).Scan(&cert)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Программа не найдена.")
		}
		if err != nil {
			return err
		}
		if cert != "pending" {
			return navigator.Errorf(navigator.KindConflict, "Программа не ждёт сертификации.")
		}
		q, args := "UPDATE programs SET certification = 'refused', certification_reason = ? WHERE id = ?", []any{reason, programID}
		if accept {
			q, args = "UPDATE programs SET certification = 'accepted', certification_reason = '', registry = 'certified' WHERE id = ?", []any{programID}
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("certification: %w", err)
		}
		if err := refreshProgram(ctx, tx, programID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "program", programID)
	})
}

// programCertified reports whether a program passed certification.
func programCertified(ctx context.Context, tx *Tx, programID int64) (bool, error) {
	var cert string
	err := tx.QueryRow(ctx, "SELECT certification FROM programs WHERE id = ?", programID).Scan(&cert)
	return cert == "accepted", err
}
