package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// What the rules of enrolment read of a group and of a child. The
// queries are constants with their own scanners, so that a lane on
// PostgreSQL can send them for a whole batch at once (pipe.go), and the
// statement-by-statement path runs exactly the same SQL.

// rowScanner is a row of either database/sql or pgx.
type rowScanner interface{ Scan(dest ...any) error }

// groupForApplication is what the rules need of a group.
type groupForApplication struct {
	programID      int64
	title, name    string // the program's and the group's, for the letter
	accepting      bool
	registry       navigator.Registry
	ageFrom, ageTo int
	price          navigator.Money
	normative      navigator.Money
	municipalityID int64
	free           int // seats free when read; the batch paths (lane_bulk.go, lane_pipe_rows.go) count them down
	endsOn         navigator.Date
	// For a social certificate: the program's direction and provider, the
	// module's hours and months, the group's first day.
	direction                 string
	organizationID            int64
	moduleHours, moduleMonths int
	startsOn                  navigator.Date
}

// groupQuery reads a published program's group; its one argument is the
// group's id.
const groupQuery = `SELECT ` + groupColumns + groupFrom + ` WHERE g.id = ? AND p.status = 'published'`

// groupColumns and groupFrom are what groupQuery reads of a group, and
// from where; the bulk path reads many groups with them
// (lane_bulk_groups.go).
const (
	groupColumns = `g.program_id, p.title, g.name, g.accepting, p.registry, p.age_from, p.age_to, m.price, m.normative_cost, p.municipality_id,
		g.capacity - g.seats_taken, g.ends_on, p.direction, p.organization_id, m.hours, m.months, g.starts_on`
	groupFrom = `
	FROM groups g JOIN programs p ON p.id = g.program_id JOIN modules m ON m.id = g.module_id`
)

// scanGroup reads a row of groupQuery, then into extra what a query
// reads after its columns.
func scanGroup(row rowScanner, extra ...any) (*groupForApplication, error) {
	var g groupForApplication
	err := row.Scan(append([]any{&g.programID, &g.title, &g.name, &g.accepting, &g.registry, &g.ageFrom, &g.ageTo, &g.price, &g.normative, &g.municipalityID, &g.free, &g.endsOn,
		&g.direction, &g.organizationID, &g.moduleHours, &g.moduleMonths, &g.startsOn}, extra...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Группа не найдена.")
	}
	if err != nil {
		return nil, fmt.Errorf("group: %w", err)
	}
	return &g, nil
}

func findGroupForApplication(ctx context.Context, tx *Tx, groupID int64) (*groupForApplication, error) {
	if g, ok := tx.groups[groupID]; ok {
		return g, nil
	}
	g, err := scanGroup(tx.QueryRow(ctx, groupQuery, groupID))
	if err != nil {
		return nil, err
	}
	if tx.groups != nil {
		tx.groups[groupID] = g
	}
	return g, nil
}

// applicant is what the rules need of a child: its card, its
// certificate, and for a budget program the municipality's limit of
// budget programs and how many the child already attends.
type applicant struct {
	ChildRecord
	budgetLimit, budgetUsed int
	email                   string // the parent's, for the letter
	parentFirstName         string // the parent's, for the letter's greeting
	parentPatronymic        string
	// used tells that the request's idempotency key was used before: then
	// the rest does not matter.
	used bool
	// executor: for a social certificate, the group's provider is in the
	// registry of executors of the certificate's municipality.
	executor bool
}

// applicantQuery reads what the rules need of a child, the parent's
// e-mail and whether the idempotency key was used, in one query: the
// enrolment rush runs it for every application. The group is named by its
// id, not by what was read of it, so that the query need not wait for the
// group's: on a budget program it also counts the child's other budget
// programs and reads the municipality's limit of them.
const applicantQuery = `SELECT EXISTS (SELECT 1 FROM idempotency_keys WHERE actor = ? AND key = ?),` + applicantColumns + `
	FROM children c JOIN site_users u ON u.id = c.site_user_id LEFT JOIN certificates s ON s.child_id = c.id
		LEFT JOIN (SELECT p.id, p.registry, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?) gp ON TRUE
	WHERE c.id = ?`

// applicantColumns is what applicantQuery reads after the key's use, for
// the child c, its parent u, its certificate s and the group's program
// gp; the bulk path (lane_bulk_applicants.go) reads the same of many
// children at once.
const applicantColumns = `
		c.site_user_id, c.deleted, c.birth_date, u.municipality_id, u.email, u.first_name, u.patronymic, c.first_name, c.sex, s.id, s.type, s.status, s.balance,
		s.unit, s.hours_balance, s.municipality_id,
		CASE WHEN s.unit = 'hour' THEN EXISTS (SELECT 1 FROM executors e WHERE e.organization_id = gp.organization_id
			AND e.municipality_id = s.municipality_id AND e.status = 'included') ELSE FALSE END,
		CASE WHEN gp.registry = 'budget' THEN COALESCE((SELECT mp.budget_limit FROM municipality_periods mp JOIN periods p ON p.id = mp.period_id
			WHERE p.is_current = TRUE AND mp.municipality_id = u.municipality_id), 0) ELSE 0 END,
		CASE WHEN gp.registry = 'budget' THEN (SELECT count(DISTINCT p.id) FROM applications a JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
			WHERE a.child_id = c.id AND p.registry = 'budget' AND a.status IN ('pending', 'accepted', 'enrolled', 'waitlisted') AND p.id <> gp.id) ELSE 0 END`

func applicantArgs(n NewApplication) []any {
	return []any{idempotencyActor(n.SiteUserID), n.IdempotencyKey, n.GroupID, n.ChildID}
}

// idempotencyActor is whose idempotency keys a parent's are.
func idempotencyActor(siteUserID int64) string { return fmt.Sprintf("parent:%d", siteUserID) }

// scanApplicant reads a row of applicantQuery, then into extra what a
// query reads after its columns.
func scanApplicant(row rowScanner, childID int64, extra ...any) (*applicant, error) {
	c := &applicant{}
	c.ID = childID
	var certID sql.NullInt64
	var certType, certStatus sql.NullString
	var balance, hours, certMunicipality sql.NullInt64
	var unit sql.NullString
	err := row.Scan(append([]any{&c.used, &c.SiteUserID, &c.Deleted, &c.BirthDate, &c.MunicipalityID, &c.email, &c.parentFirstName, &c.parentPatronymic, &c.FirstName, &c.Sex,
		&certID, &certType, &certStatus, &balance, &unit, &hours, &certMunicipality, &c.executor, &c.budgetLimit, &c.budgetUsed}, extra...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Ребёнок не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("applicant %d: %w", childID, err)
	}
	if certID.Valid {
		c.Certificate = &navigator.Certificate{ID: certID.Int64, ChildID: childID, Type: navigator.CertificateType(certType.String),
			Status: navigator.CertificateStatus(certStatus.String), Balance: navigator.Money(balance.Int64),
			Unit: unit.String, HoursBalance: navigator.Hours(hours.Int64), MunicipalityID: certMunicipality.Int64}
	}
	return c, nil
}

func findApplicant(ctx context.Context, tx *Tx, n NewApplication) (*applicant, error) {
	return scanApplicant(tx.QueryRow(ctx, applicantQuery, applicantArgs(n)...), n.ChildID)
}

// belongsTo tells whether the child may be applied for by the request's
// parent.
func (c *applicant) belongsTo(n NewApplication) bool {
	return c.SiteUserID == n.SiteUserID && !c.Deleted
}

// letter is the letter to the child's parent about application number in
// status, to group g.
func (c *applicant) letter(number string, status navigator.ApplicationStatus, g *groupForApplication) navigator.StatusLetter {
	return navigator.StatusLetter{Number: number, Status: status, Program: g.title, Group: g.name,
		ParentFirstName: c.parentFirstName, ParentPatronymic: c.parentPatronymic, ChildFirstName: c.FirstName, ChildSex: c.Sex}
}

// certificateID is the child's certificate for the application row, or
// nil.
func (c *applicant) certificateID() any {
	if c.Certificate == nil {
		return nil
	}
	return c.Certificate.ID
}
