package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// Organizations lists a municipality's organizations (0: the region's),
// with their responsible persons, by name.
func (db *DB) Organizations(ctx context.Context, municipalityID int64) ([]navigator.Organization, error) {
	out := []navigator.Organization{}
	err := db.View(ctx, func(tx *Tx) error {
		q := `SELECT o.id, o.municipality_id, o.name, o.short_name, o.type, o.inn, o.address, o.phone, o.email, o.website,
			o.schedule, o.is_provider, o.is_certificate_office FROM organizations o`
		var args []any
		if municipalityID != 0 {
			q += " WHERE o.municipality_id = ?"
			args = append(args, municipalityID)
		}
		var err error
		out, err = organizationsOf(ctx, tx, q+" ORDER BY o.name"+db.bytewise()+", o.id", args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("organizations: %w", err)
	}
	return out, nil
}

// organizationsOf runs a query of the organizations' columns, in their
// order, and fills each one's responsible persons.
func organizationsOf(ctx context.Context, tx *Tx, query string, args ...any) ([]navigator.Organization, error) {
	out := []navigator.Organization{}
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]int{}
	for rows.Next() {
		var o navigator.Organization
		if err := rows.Scan(&o.ID, &o.MunicipalityID, &o.Name, &o.ShortName, &o.Type, &o.INN, &o.Address, &o.Phone, &o.Email,
			&o.Website, &o.Schedule, &o.IsProvider, &o.IsCertificateOffice); err != nil {
			rows.Close()
			return nil, err
		}
		o.Responsible = []navigator.Person{}
		byID[o.ID] = len(out)
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadPersons(ctx, tx, out, byID)
}

// loadPersons fills the responsible persons of the organizations listed.
func loadPersons(ctx context.Context, tx *Tx, orgs []navigator.Organization, byID map[int64]int) error {
	rows, err := tx.Query(ctx, "SELECT organization_id, id, full_name, position, phone, email FROM responsible_persons ORDER BY organization_id, id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var oid int64
		var p navigator.Person
		if err := rows.Scan(&oid, &p.ID, &p.FullName, &p.Position, &p.Phone, &p.Email); err != nil {
			return err
		}
		if i, ok := byID[oid]; ok {
			orgs[i].Responsible = append(orgs[i].Responsible, p)
		}
	}
	return rows.Err()
}

// OrganizationWithPersons returns one organization with its responsible
// persons.
func (db *DB) OrganizationWithPersons(ctx context.Context, id int64) (*navigator.Organization, error) {
	o, err := db.Organization(ctx, id)
	if err != nil {
		return nil, err
	}
	list := []navigator.Organization{*o}
	list[0].Responsible = []navigator.Person{}
	if err := db.View(ctx, func(tx *Tx) error { return loadPersons(ctx, tx, list, map[int64]int{id: 0}) }); err != nil {
		return nil, fmt.Errorf("organization %d: %w", id, err)
	}
	return &list[0], nil
}

// SaveOrganization creates an organization (o.ID 0) or changes one, and
// replaces its responsible persons, in one transaction with the audit
// entry. An organization whose staff issue certificates cannot stop being
// a certificate office while an operator account of it is enabled.
func (db *DB) SaveOrganization(ctx context.Context, o *navigator.Organization, audit *AuditEntry) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		if o.ID == 0 {
			if err := insertOrganization(ctx, tx, o); err != nil {
				return err
			}
			return auditSubject(ctx, tx, audit, "organization", o.ID)
		}
		if !o.IsCertificateOffice || !o.IsProvider {
			var ops, provs int
			if err := tx.QueryRow(ctx, `SELECT
					COALESCE(SUM(CASE WHEN role = 'operator' THEN 1 ELSE 0 END), 0),
					COALESCE(SUM(CASE WHEN role = 'provider' THEN 1 ELSE 0 END), 0)
				FROM staff WHERE organization_id = ? AND disabled_at IS NULL`, o.ID).Scan(&ops, &provs); err != nil {
				return err
			}
			if !o.IsCertificateOffice && ops > 0 {
				return navigator.Invalid(navigator.FieldError{Field: "is_certificate_office", Code: "has_operators",
					Message: "У организации есть операторы: сначала отключите их учётные записи, потом снимайте полномочия по выдаче сертификатов."})
			}
			if !o.IsProvider && provs > 0 {
				return navigator.Invalid(navigator.FieldError{Field: "is_provider", Code: "has_providers",
					Message: "У организации есть сотрудники-организаторы программ: сначала отключите их учётные записи."})
			}
		}
		res, err := tx.Exec(ctx, `UPDATE organizations SET name = ?, short_name = ?, type = ?, inn = ?, address = ?, phone = ?, email = ?,
				website = ?, schedule = ?, is_provider = ?, is_certificate_office = ? WHERE id = ?`,
			o.Name, o.ShortName, o.Type, o.INN, o.Address, o.Phone, o.Email, o.Website, o.Schedule, o.IsProvider, o.IsCertificateOffice, o.ID)
		if c, _ := violation(err); c == uniqueViolation {
			return navigator.Errorf(navigator.KindConflict, "Организация с таким названием в муниципалитете уже есть.").WithCode("duplicate")
		}
		if err != nil {
			return fmt.Errorf("update organization: %w", mapError(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.NotFound("Организация не найдена.")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM responsible_persons WHERE organization_id = ?", o.ID); err != nil {
			return fmt.Errorf("responsible persons: %w", err)
		}
		for i := range o.Responsible {
			p := &o.Responsible[i]
			if p.ID, err = tx.InsertID(ctx, `INSERT INTO responsible_persons (organization_id, full_name, position, phone, email)
				VALUES (?, ?, ?, ?, ?)`, o.ID, p.FullName, p.Position, p.Phone, p.Email); err != nil {
				return fmt.Errorf("responsible person: %w", mapError(err))
			}
		}
		return auditSubject(ctx, tx, audit, "organization", o.ID)
	})
}

// CertificateOffices returns the organizations authorized to issue
// certificates, with their responsible persons.
func (db *DB) CertificateOffices(ctx context.Context, f navigator.OfficeFilter) ([]navigator.Organization, error) {
	out := []navigator.Organization{}
	err := db.viewCatalog(ctx, func(tx *Tx) error {
		q := `SELECT o.id, o.municipality_id, o.name, o.short_name, o.type, o.inn, o.address, o.phone, o.email,
				o.website, o.schedule, o.is_provider, o.is_certificate_office
			FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
			WHERE o.is_certificate_office = TRUE`
		var args []any
		if f.MunicipalityID != 0 {
			q += " AND o.municipality_id = ?"
			args = append(args, f.MunicipalityID)
		}
		var err error
		out, err = organizationsOf(ctx, tx, q+" ORDER BY m.name"+db.bytewise()+", o.name"+db.bytewise()+", o.id", args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("certificate offices: %w", err)
	}
	return out, nil
}

// Organization returns one organization with its responsible persons.
func (db *DB) Organization(ctx context.Context, id int64) (*navigator.Organization, error) {
	var o navigator.Organization
	err := db.queryRow(ctx, `SELECT id, municipality_id, name, short_name, type, inn, address, phone, email, website, schedule,
			is_provider, is_certificate_office FROM organizations WHERE id = ?`, id).Scan(&o.ID, &o.MunicipalityID, &o.Name,
		&o.ShortName, &o.Type, &o.INN, &o.Address, &o.Phone, &o.Email, &o.Website, &o.Schedule, &o.IsProvider, &o.IsCertificateOffice)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Организация не найдена.")
	}
	if err != nil {
		return nil, fmt.Errorf("organization %d: %w", id, err)
	}
	return &o, nil
}
