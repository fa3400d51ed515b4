package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// Region returns the region, or a not-found error before the region is set.
func (db *DB) Region(ctx context.Context) (*navigator.Region, error) {
	var r navigator.Region
	err := db.queryRow(ctx, "SELECT code, name FROM region WHERE id = 1").Scan(&r.Code, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Регион ещё не настроен.")
	}
	if err != nil {
		return nil, fmt.Errorf("region: %w", err)
	}
	return &r, nil
}

// Municipalities returns the region's municipalities by name.
func (db *DB) Municipalities(ctx context.Context) ([]navigator.Municipality, error) {
	out := []navigator.Municipality{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, code, name FROM municipalities ORDER BY name"+db.bytewise()+", id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m navigator.Municipality
			if err := rows.Scan(&m.ID, &m.Code, &m.Name); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("municipalities: %w", err)
	}
	return out, nil
}

// directionsTTL is how long the directions' names are kept in memory: a
// rename on this server shows at once, on another one within this time.
const directionsTTL = 30 * time.Second

// directionCache is the directions as read at a time.
type directionCache struct {
	at   time.Time
	list []navigator.Direction
}

// Directions returns the directions in menu order, from memory when read
// recently.
func (db *DB) Directions(ctx context.Context) ([]navigator.Direction, error) {
	if c := db.directions.Load(); c != nil && time.Since(c.at) < directionsTTL {
		return c.list, nil
	}
	out := []navigator.Direction{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT code, name FROM directions ORDER BY position, code")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d navigator.Direction
			if err := rows.Scan(&d.Code, &d.Name); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("directions: %w", err)
	}
	db.directions.Store(&directionCache{at: time.Now(), list: out})
	return out, nil
}

// CertificateOffices returns the organizations authorized to issue
// certificates, with their responsible persons.
func (db *DB) CertificateOffices(ctx context.Context, f navigator.OfficeFilter) ([]navigator.Organization, error) {
	out := []navigator.Organization{}
	err := db.View(ctx, func(tx *Tx) error {
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

// MunicipalityByID returns one municipality.
func (db *DB) MunicipalityByID(ctx context.Context, id int64) (*navigator.Municipality, error) {
	var m navigator.Municipality
	err := db.queryRow(ctx, "SELECT id, code, name FROM municipalities WHERE id = ?", id).Scan(&m.ID, &m.Code, &m.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Муниципалитет не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("municipality %d: %w", id, err)
	}
	return &m, nil
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
