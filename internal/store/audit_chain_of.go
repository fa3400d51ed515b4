package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// RegionChain is the audit chain of the region's own staff and of whatever
// is tied to no municipality. It is also the chain every entry written
// before the journal had chains belongs to.
const RegionChain int64 = 0

// The chain an entry joins is decided once, when it is written, and kept
// in the entry (chain column); moving a family later moves nothing. The
// rule, in order:
//
//  1. the subject's municipality, when the subject belongs to one: a site
//     user's, a child's and a certificate's is the family's; an
//     application's, a contract's and a group's is the program's (as the
//     municipal admin's journal shows them); an organization's, a
//     program's, an executor report's, a staff member's (their own or their
//     organization's) and a municipality's own;
//  2. the region's chain when the subject is the region's own: a setting,
//     a period, a direction;
//  3. otherwise (no subject, as a sign-in, or a subject already gone) the
//     actor's municipality: a parent's, an operator's, a provider's, a
//     municipal admin's;
//  4. otherwise the region's chain (regional admins, the system).
//
// So staff of different municipalities append to different chains and
// never wait for each other, and one municipality's journal is one chain.
var (
	subjectMunicipality = map[string]string{
		"site_user":       "SELECT municipality_id FROM site_users WHERE id = ?",
		"child":           "SELECT u.municipality_id FROM children c JOIN site_users u ON u.id = c.site_user_id WHERE c.id = ?",
		"certificate":     "SELECT u.municipality_id FROM certificates s JOIN children c ON c.id = s.child_id JOIN site_users u ON u.id = c.site_user_id WHERE s.id = ?",
		"application":     "SELECT p.municipality_id FROM applications a JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id WHERE a.id = ?",
		"contract":        "SELECT p.municipality_id FROM contracts k JOIN applications a ON a.id = k.application_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id WHERE k.id = ?",
		"group":           "SELECT p.municipality_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.id = ?",
		"program":         "SELECT municipality_id FROM programs WHERE id = ?",
		"organization":    "SELECT municipality_id FROM organizations WHERE id = ?",
		"executor_report": "SELECT municipality_id FROM executor_reports WHERE id = ?",
		"staff":           staffChainMunicipality,
		"municipality":    "SELECT id FROM municipalities WHERE id = ?",
	}
	regionSubjects    = map[string]bool{"setting": true, "period": true, "direction": true}
	actorMunicipality = map[string]string{
		"parent":          "SELECT municipality_id FROM site_users WHERE id = ?",
		"operator":        staffChainMunicipality,
		"provider":        staffChainMunicipality,
		"municipal_admin": staffChainMunicipality,
	}
)

// staffChainMunicipality is a staff member's municipality: a municipal admin's
// own, an operator's or a provider's through the organization; none (0)
// for a regional admin.
const staffChainMunicipality = `SELECT COALESCE(s.municipality_id, o.municipality_id, 0) FROM staff s
	LEFT JOIN organizations o ON o.id = s.organization_id WHERE s.id = ?`

// auditChainOf decides the chain of e by the rule above, inside tx (the
// subject may have been made by the same transaction).
func auditChainOf(ctx context.Context, tx *Tx, e *AuditEntry) (int64, error) {
	if e.SubjectKind != "" {
		if regionSubjects[e.SubjectKind] {
			return RegionChain, nil
		}
		if q, ok := subjectMunicipality[e.SubjectKind]; ok {
			m, found, err := municipalityBy(ctx, tx, q, e.SubjectID)
			if err != nil || found {
				return m, err
			}
		}
	}
	if q, ok := actorMunicipality[e.ActorRole]; ok && e.ActorID != 0 {
		m, _, err := municipalityBy(ctx, tx, q, e.ActorID)
		return m, err
	}
	return RegionChain, nil
}

// municipalityBy runs a one-column look-up of a municipality by id.
func municipalityBy(ctx context.Context, tx *Tx, q string, id int64) (int64, bool, error) {
	var m int64
	err := tx.QueryRow(ctx, q, id).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return RegionChain, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("audit chain of %d: %w", id, err)
	}
	return m, true, nil
}
