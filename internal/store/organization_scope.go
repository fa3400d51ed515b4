package store

import (
	"context"
	"database/sql"
	"errors"

	"navigator"
)

// ApplicationOfOrganization checks that an application is to a group of
// the organization; any other answers not found, marked as a refusal.
func (db *DB) ApplicationOfOrganization(ctx context.Context, appID, organizationID int64) error {
	var org int64
	err := db.queryRow(ctx, `SELECT p.organization_id FROM applications a JOIN groups g ON g.id = a.group_id
		JOIN programs p ON p.id = g.program_id WHERE a.id = ?`, appID).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return refusedNotFound("Заявка не найдена.")
	}
	return err
}

// ProgramOfOrganization checks that a program is the organization's.
func (db *DB) ProgramOfOrganization(ctx context.Context, programID, organizationID int64) error {
	var org int64
	err := db.queryRow(ctx, "SELECT organization_id FROM programs WHERE id = ?", programID).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return refusedNotFound("Программа не найдена.")
	}
	return err
}

// refusedNotFound is a not-found that hides another organization's object.
func refusedNotFound(msg string) error {
	e := navigator.NotFound(msg)
	e.Refused = true
	return e
}

// GroupOfOrganization returns «program — group» of an organization's
// group, or not found.
func (db *DB) GroupOfOrganization(ctx context.Context, groupID, organizationID int64) (string, error) {
	var title, name string
	var org int64
	err := db.queryRow(ctx, `SELECT p.title, g.name, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?`, groupID).
		Scan(&title, &name, &org)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return "", navigator.NotFound("Группа не найдена.")
	}
	if err != nil {
		return "", err
	}
	return title + " — " + name, nil
}
