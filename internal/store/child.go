package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// ChildRecord is a child as stored, with the sealed personal data for the
// service to open or mask.
type ChildRecord struct {
	navigator.Child
	SNILSSealed    []byte
	DocumentSealed []byte
	ResidentRF     bool // the parent's
}

const childColumns = `c.id, c.site_user_id, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex, c.deleted,
	c.snils_sealed, c.document_type, c.document_sealed, c.data_source, c.created_at, u.municipality_id, u.resident_rf`

func scanChild(row interface{ Scan(...any) error }, c *ChildRecord) error {
	var docType sql.NullString
	var created time.Time
	if err := row.Scan(&c.ID, &c.SiteUserID, &c.LastName, &c.FirstName, &c.Patronymic, &c.BirthDate, &c.Sex, &c.Deleted,
		&c.SNILSSealed, &docType, &c.DocumentSealed, &c.DataSource, &created, &c.MunicipalityID, &c.ResidentRF); err != nil {
		return err
	}
	c.DocumentType, c.CreatedAt, c.HasSNILS = docType.String, created.UTC(), len(c.SNILSSealed) > 0
	return nil
}

// CreateChild adds a child to a site user.
func (db *DB) CreateChild(ctx context.Context, siteUserID int64, in navigator.ChildInput, audit *AuditEntry) (*ChildRecord, error) {
	var c ChildRecord
	err := db.Update(ctx, func(tx *Tx) error {
		var u navigator.SiteUser
		if err := findSiteUser(ctx, tx, siteUserID, &u); err != nil {
			return err
		}
		id, err := tx.InsertID(ctx, `INSERT INTO children (site_user_id, last_name, first_name, patronymic, birth_date, sex, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, siteUserID, in.LastName, in.FirstName, in.Patronymic, in.BirthDate, string(in.Sex), tx.Now(), tx.Now())
		if err != nil {
			return fmt.Errorf("create child: %w", mapError(err))
		}
		if err := findChild(ctx, tx, id, &c); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", id)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// ChildUpdate is a change of the child card; nil fields stay.
type ChildUpdate struct {
	Input          *navigator.ChildInput
	Deleted        *bool
	SNILSSealed    []byte // with SNILSHash: a new СНИЛС
	SNILSHash      string
	ClearSNILS     bool
	DocumentType   string // with DocumentSealed and DocumentHash: a new document
	DocumentSealed []byte
	DocumentHash   string
	DataSource     string
}

// UpdateChild changes a child in one transaction with its audit entry. A
// СНИЛС already recorded for another child is a conflict.
func (db *DB) UpdateChild(ctx context.Context, id int64, up ChildUpdate, audit *AuditEntry) (*ChildRecord, error) {
	var c ChildRecord
	err := db.Update(ctx, func(tx *Tx) error {
		if err := findChild(ctx, tx, id, &c); err != nil {
			return err
		}
		if in := up.Input; in != nil {
			if _, err := tx.Exec(ctx, `UPDATE children SET last_name = ?, first_name = ?, patronymic = ?, birth_date = ?, sex = ?, updated_at = ? WHERE id = ?`,
				in.LastName, in.FirstName, in.Patronymic, in.BirthDate, string(in.Sex), tx.Now(), id); err != nil {
				return fmt.Errorf("update child: %w", mapError(err))
			}
		}
		if up.Deleted != nil {
			if _, err := tx.Exec(ctx, "UPDATE children SET deleted = ?, updated_at = ? WHERE id = ?", *up.Deleted, tx.Now(), id); err != nil {
				return err
			}
		}
		if up.SNILSHash != "" || up.ClearSNILS {
			if err := setSNILS(ctx, tx, id, up.SNILSSealed, up.SNILSHash); err != nil {
				return err
			}
		}
		if up.DocumentHash != "" {
			if _, err := tx.Exec(ctx, "UPDATE children SET document_type = ?, document_sealed = ?, document_hash = ?, updated_at = ? WHERE id = ?",
				up.DocumentType, up.DocumentSealed, up.DocumentHash, tx.Now(), id); err != nil {
				return fmt.Errorf("update document: %w", mapError(err))
			}
		}
		if up.DataSource != "" {
			if _, err := tx.Exec(ctx, "UPDATE children SET data_source = ? WHERE id = ?", up.DataSource, id); err != nil {
				return err
			}
		}
		if err := findChild(ctx, tx, id, &c); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "child", id)
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Child returns a child with its confirmation and certificate.
func (db *DB) Child(ctx context.Context, id int64) (*ChildRecord, error) {
	var c ChildRecord
	if err := db.View(ctx, func(tx *Tx) error { return findChild(ctx, tx, id, &c) }); err != nil {
		return nil, err
	}
	return &c, nil
}

// ChildrenOf returns a site user's children, the deleted last.
func (db *DB) ChildrenOf(ctx context.Context, siteUserID int64) ([]ChildRecord, error) {
	var out []ChildRecord
	err := db.View(ctx, func(tx *Tx) error {
		ids, err := tx.ids(ctx, "SELECT c.id FROM children c WHERE c.site_user_id = ? ORDER BY c.deleted, c.id", siteUserID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			var c ChildRecord
			if err := findChild(ctx, tx, id, &c); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func findChild(ctx context.Context, tx *Tx, id int64, c *ChildRecord) error {
	err := scanChild(tx.QueryRow(ctx, "SELECT "+childColumns+" FROM children c JOIN site_users u ON u.id = c.site_user_id WHERE c.id = ?", id), c)
	if errors.Is(err, sql.ErrNoRows) {
		return navigator.NotFound("Ребёнок не найден.")
	}
	if err != nil {
		return fmt.Errorf("child %d: %w", id, err)
	}
	if c.Confirmation, err = findConfirmation(ctx, tx, id); err != nil {
		return err
	}
	c.Confirmed = c.Confirmation != nil
	c.Certificate, err = findCertificate(ctx, tx, "s.child_id = ?", id)
	if navigator.ErrorKind(err) == navigator.KindNotFound {
		c.Certificate, err = nil, nil
	}
	return err
}

func findConfirmation(ctx context.Context, tx *Tx, childID int64) (*navigator.Confirmation, error) {
	var cf navigator.Confirmation
	var at time.Time
	err := tx.QueryRow(ctx, `SELECT f.id, f.staff_id, s.full_name, f.organization_id, o.name, s.email, o.phone, f.without_snils, f.confirmed_at
		FROM confirmations f JOIN staff s ON s.id = f.staff_id JOIN organizations o ON o.id = f.organization_id WHERE f.child_id = ?`, childID).
		Scan(&cf.ID, &cf.StaffID, &cf.StaffName, &cf.OrganizationID, &cf.OrganizationName, &cf.Email, &cf.Phone, &cf.WithoutSNILS, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("confirmation of %d: %w", childID, err)
	}
	cf.At = at.UTC()
	return &cf, nil
}

// setSNILS records a child's sealed СНИЛС, or clears it when hash is "".
func setSNILS(ctx context.Context, tx *Tx, childID int64, sealed []byte, hash string) error {
	var s, h any
	if hash != "" {
		s, h = sealed, hash
	}
	_, err := tx.Exec(ctx, "UPDATE children SET snils_sealed = ?, snils_hash = ?, updated_at = ? WHERE id = ?", s, h, tx.Now(), childID)
	if isUnique(err, "snils") {
		return navigator.Invalid(navigator.FieldError{Field: "snils", Code: "taken",
			Message: navigator.SNILSNotSaved})
	}
	if err != nil {
		return fmt.Errorf("set snils: %w", mapError(err))
	}
	return nil
}

// ChildBySNILS finds the child whose СНИЛС has the look-up hash and the
// municipality of the child's family; 0, 0 when there is none.
func (db *DB) ChildBySNILS(ctx context.Context, hash string) (childID, municipalityID int64, err error) {
	err = db.queryRow(ctx, `SELECT c.id, u.municipality_id FROM children c JOIN site_users u ON u.id = c.site_user_id WHERE c.snils_hash = ?`, hash).
		Scan(&childID, &municipalityID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("child by snils: %w", err)
	}
	return childID, municipalityID, nil
}
