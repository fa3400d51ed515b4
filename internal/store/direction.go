package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
)

// directionsTTL is how long the directions' names are kept in memory: a
// rename on this server shows at once, on another one within this time.
const directionsTTL = 30 * time.Second

// directionCache is the directions as read at a time.
type directionCache struct {
	at   time.Time
	list []navigator.Direction
}

// DirectionNames is a direction with the names it had before.
type DirectionNames struct {
	navigator.Direction
	Previous []string `json:"previous_names"`
}

// DirectionsWithHistory lists the directions with their old names.
func (db *DB) DirectionsWithHistory(ctx context.Context) ([]DirectionNames, error) {
	var out []DirectionNames
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT code, name, previous_names FROM directions ORDER BY position, code")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d DirectionNames
			var prev string
			if err := rows.Scan(&d.Code, &d.Name, &prev); err != nil {
				return err
			}
			d.Previous = []string{}
			if prev != "" {
				d.Previous = strings.Split(prev, "\n")
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("directions: %w", err)
	}
	return out, nil
}

// RenameDirection gives a direction a new name and keeps the old one in
// its history; the code, which programs refer to, never changes.
func (db *DB) RenameDirection(ctx context.Context, code, name string, audit *AuditEntry) error {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 100 {
		return navigator.Invalid(navigator.FieldError{Field: "name", Code: "required", Message: "Название направленности — от 1 до 100 знаков."})
	}
	err := db.Update(ctx, func(tx *Tx) error {
		var old, prev string
		err := tx.QueryRow(ctx, "SELECT name, previous_names FROM directions WHERE code = ?", code).Scan(&old, &prev)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Направленность не найдена.")
		}
		if err != nil {
			return err
		}
		if old == name {
			return nil
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM directions WHERE name = ? AND code <> ?", name, code).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return navigator.Invalid(navigator.FieldError{Field: "name", Code: "duplicate", Message: "Такое название уже у другой направленности."})
		}
		if prev != "" {
			prev += "\n"
		}
		if _, err := tx.Exec(ctx, "UPDATE directions SET name = ?, previous_names = ? WHERE code = ?", name, prev+old, code); err != nil {
			return fmt.Errorf("rename direction: %w", err)
		}
		if audit == nil {
			return nil
		}
		e := *audit
		e.Details = old + " → " + name
		return auditSubject(ctx, tx, &e, "direction", 0)
	})
	if err == nil {
		db.directions.Store(nil)
	}
	return err
}

// Directions returns the directions in menu order, from memory when read
// recently.
func (db *DB) Directions(ctx context.Context) ([]navigator.Direction, error) {
	if c := db.directions.Load(); c != nil && time.Since(c.at) < directionsTTL {
		return c.list, nil
	}
	out := []navigator.Direction{}
	err := db.viewCatalog(ctx, func(tx *Tx) error {
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
