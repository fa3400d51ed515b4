package store

import (
	"context"
	"fmt"

	"navigator"
)

// SetRegion sets the region's code and name. The code can be set only
// while no certificate exists: every number starts with it.
func (db *DB) SetRegion(ctx context.Context, r navigator.Region) error {
	if !twoDigits(r.Code) || r.Name == "" {
		return navigator.Invalid(navigator.FieldError{Field: "code", Code: "format", Message: "Код региона — две цифры, название обязательно."})
	}
	return db.Update(ctx, func(tx *Tx) error {
		var old string
		err := tx.QueryRow(ctx, "SELECT code FROM region WHERE id = 1").Scan(&old)
		if err == nil && old != r.Code {
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM certificates").Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return navigator.Errorf(navigator.KindConflict, "Код региона нельзя менять: уже выданы сертификаты с этим кодом.")
			}
		}
		_, err = tx.Exec(ctx, `INSERT INTO region (id, code, name) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name`, r.Code, r.Name)
		return err
	})
}

func twoDigits(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// CreateMunicipality adds a municipality.
func (db *DB) CreateMunicipality(ctx context.Context, m *navigator.Municipality) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error { return insertMunicipality(ctx, tx, m) })
}

// insertMunicipality adds a municipality; a taken code or name is a
// conflict.
func insertMunicipality(ctx context.Context, tx *Tx, m *navigator.Municipality) error {
	id, err := tx.InsertID(ctx, "INSERT INTO municipalities (code, name, created_at) VALUES (?, ?, ?)", m.Code, m.Name, tx.Now())
	if c, _ := violation(err); c == uniqueViolation {
		return navigator.Errorf(navigator.KindConflict, "Муниципалитет с таким кодом или названием уже есть.").WithCode("duplicate")
	}
	if err != nil {
		return fmt.Errorf("add municipality: %w", err)
	}
	m.ID = id
	return nil
}

// CreateOrganization adds an organization with its responsible persons.
func (db *DB) CreateOrganization(ctx context.Context, o *navigator.Organization) error {
	if o.Name == "" || o.MunicipalityID == 0 {
		return navigator.Invalid(navigator.FieldError{Field: "name", Code: "required", Message: "Укажите название и муниципалитет организации."})
	}
	return db.Update(ctx, func(tx *Tx) error { return insertOrganization(ctx, tx, o) })
}

// insertOrganization adds an organization and its responsible persons.
func insertOrganization(ctx context.Context, tx *Tx, o *navigator.Organization) error {
	id, err := tx.InsertID(ctx, `INSERT INTO organizations (municipality_id, name, short_name, type, inn, address, phone, email, website,
			schedule, is_provider, is_certificate_office, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.MunicipalityID, o.Name, o.ShortName, o.Type, o.INN, o.Address, o.Phone, o.Email, o.Website, o.Schedule,
		o.IsProvider, o.IsCertificateOffice, tx.Now())
	if c, _ := violation(err); c == uniqueViolation {
		return navigator.Errorf(navigator.KindConflict, "Организация с таким названием в муниципалитете уже есть.").WithCode("duplicate")
	}
	if err != nil {
		return fmt.Errorf("create organization: %w", mapError(err))
	}
	for i := range o.Responsible {
		p := &o.Responsible[i]
		if p.ID, err = tx.InsertID(ctx, `INSERT INTO responsible_persons (organization_id, full_name, position, phone, email)
			VALUES (?, ?, ?, ?, ?)`, id, p.FullName, p.Position, p.Phone, p.Email); err != nil {
			return fmt.Errorf("responsible person: %w", mapError(err))
		}
	}
	o.ID = id
	return nil
}
