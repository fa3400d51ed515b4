package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"navigator"
)

// constraint classifies a database constraint failure.
type constraint int

const (
	noConstraint constraint = iota
	uniqueViolation
	checkViolation
	foreignKeyViolation
)

// violation tells which constraint err broke, and its name or message.
func violation(err error) (constraint, string) {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return uniqueViolation, pg.ConstraintName
		case "23514":
			return checkViolation, pg.ConstraintName
		case "23503":
			return foreignKeyViolation, pg.ConstraintName
		}
		return noConstraint, ""
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		msg := lite.Error()
		switch lite.Code() {
		case 2067, 1555: // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
			return uniqueViolation, msg
		case 275: // SQLITE_CONSTRAINT_CHECK
			return checkViolation, msg
		case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
			return foreignKeyViolation, msg
		}
	}
	return noConstraint, ""
}

// isUnique reports whether err broke a unique constraint whose name or
// message mentions hint (any, when hint is "").
func isUnique(err error, hint string) bool {
	c, name := violation(err)
	return c == uniqueViolation && strings.Contains(name, hint)
}

// mapError turns well-known database failures into domain errors and
// leaves the rest wrapped as they are.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return navigator.NotFound("Запись не найдена.")
	}
	switch c, _ := violation(err); c {
	case uniqueViolation:
		return &navigator.Error{Kind: navigator.KindConflict, Message: "Такая запись уже есть.", Err: err}
	case checkViolation, foreignKeyViolation:
		return &navigator.Error{Kind: navigator.KindConflict, Message: "Изменение противоречит сохранённым данным.", Err: err}
	}
	return err
}
