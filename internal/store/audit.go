package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"navigator"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	ActorRole   string    `json:"actor_role"`
	ActorID     int64     `json:"actor_id"`
	Action      string    `json:"action"`
	SubjectKind string    `json:"subject_kind"`
	SubjectID   int64     `json:"subject_id"`
	IP          string    `json:"ip"`
	Details     string    `json:"details"`
	// Chain is the chain the entry is linked in: a municipality's id, or
	// RegionChain. Set by the store when the entry is written
	// (auditChainOf); a caller's value is ignored.
	Chain    int64  `json:"chain"`
	PrevHash string `json:"-"`
	Hash     string `json:"-"`
}

// chainInput is what an entry's link covers: its chain, the link before it
// in that chain and every field a person reads. The region's chain covers
// no chain key, so the one chain written before there were chains, which
// became the region's, verifies as it was linked; any other chain's key
// comes first, where the old input starts with a link (empty or hex),
// never with "chain ", so no input of one chain is an input of another
// and an entry moved between chains no longer verifies.
func chainInput(prev string, e *AuditEntry) []byte {
	var b []byte
	if e.Chain != RegionChain {
		b = append(b, "chain "+strconv.FormatInt(e.Chain, 10)...)
		b = append(b, 0)
	}
	for _, part := range []string{prev, e.At.UTC().Format(time.RFC3339Nano), e.ActorRole, strconv.FormatInt(e.ActorID, 10),
		e.Action, e.SubjectKind, strconv.FormatInt(e.SubjectID, 10), e.IP, e.Details} {
		b = append(b, part...)
		b = append(b, 0)
	}
	return b
}

// legacyLink is the unkeyed SHA-256 link written before the chain was
// keyed; it is accepted only while the chain is keyed for the first time.
func legacyLink(prev string, e *AuditEntry) string {
	s := sha256.Sum256(chainInput(prev, e))
	return hex.EncodeToString(s[:])
}

// Audit appends an entry in its own transaction.
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error { return audit(ctx, tx, e) })
}

// audit appends an entry inside tx, linked to the last one of its chain.
// Writers of one chain are serialized (one SQLite writer; the chain's
// advisory lock on PostgreSQL), so no chain forks; writers of different
// chains do not wait for each other.
func audit(ctx context.Context, tx *Tx, e AuditEntry) error {
	if tx.keys == nil {
		return errors.New("audit: the store has no keys to chain the journal with")
	}
	return appendAudit(ctx, tx, tx.keys, e)
}

// appendAudit appends an entry linked with keys in the chain auditChainOf
// decides.
func appendAudit(ctx context.Context, tx *Tx, keys chainKeys, e AuditEntry) error {
	chain, err := auditChainOf(ctx, tx, &e)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	e.Chain = chain
	if err := lockChain(ctx, tx, chain); err != nil {
		return err
	}
	prev := ""
	err = tx.QueryRow(ctx, "SELECT hash FROM audit_log WHERE chain = ? ORDER BY id DESC LIMIT 1", chain).Scan(&prev)
	if err != nil && navigator.ErrorKind(mapError(err)) != navigator.KindNotFound {
		return fmt.Errorf("audit: %w", err)
	}
	e.At = tx.Now().Truncate(time.Microsecond)
	e.PrevHash = prev
	e.Hash = keys.ChainHash(chainInput(prev, &e))
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, chain, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.At, e.ActorRole, e.ActorID, e.Action, e.SubjectKind, e.SubjectID, e.IP, e.Details, e.Chain, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// auditSubject appends e, when given, about the subject inside tx: a change
// and its audit entry commit together or not at all.
func auditSubject(ctx context.Context, tx *Tx, e *AuditEntry, kind string, id int64) error {
	if e == nil {
		return nil
	}
	entry := *e
	if entry.SubjectKind == "" {
		entry.SubjectKind, entry.SubjectID = kind, id
	}
	return audit(ctx, tx, entry)
}

// auditColumns are an entry's columns in scan order.
const auditColumns = "id, at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, chain, prev_hash, hash"

// scanAudit reads one entry selected with auditColumns.
func scanAudit(rows interface{ Scan(...any) error }) (AuditEntry, error) {
	var e AuditEntry
	err := rows.Scan(&e.ID, &e.At, &e.ActorRole, &e.ActorID, &e.Action, &e.SubjectKind, &e.SubjectID, &e.IP, &e.Details, &e.Chain, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

func (db *DB) auditQuery(ctx context.Context, where string, args ...any) ([]AuditEntry, error) {
	out := []AuditEntry{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+auditColumns+" FROM audit_log WHERE "+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return out, nil
}

// ActivityOf is a site user's «Активность»: the account's sign-ins and
// every staff read or change of the user or the children, newest first.
func (db *DB) ActivityOf(ctx context.Context, siteUserID int64, limit int) ([]AuditEntry, error) {
	return db.auditQuery(ctx, `(subject_kind = 'site_user' AND subject_id = ?) OR (actor_role = 'parent' AND actor_id = ?)
		OR (subject_kind = 'child' AND subject_id IN (SELECT id FROM children WHERE site_user_id = ?)) ORDER BY id DESC LIMIT ?`,
		siteUserID, siteUserID, siteUserID, limit)
}

// AuditCount returns the number of audit records.
func (db *DB) AuditCount(ctx context.Context) (int64, error) {
	var n int64
	err := db.queryRow(ctx, "SELECT count(*) FROM audit_log").Scan(&n)
	return n, err
}

// AuditFilter selects audit records for the viewer.
type AuditFilter struct {
	Action      string // an action or its prefix before the dot: "staff" finds "staff.invited"
	ActorRole   string
	ActorID     int64
	SubjectKind string
	SubjectID   int64
	From, To    time.Time // To is exclusive; zero: open
	// Person finds the entries a person wrote or that are about them (a
	// staff member, a site user or a child), by «Фамилия Имя Отчество» or
	// its start in any case, ё as е.
	Person string
	// MunicipalityID keeps the entries of one municipality: written by
	// its staff or families, or about its families, children,
	// organizations and staff. 0: the whole region.
	MunicipalityID int64
	Page           int
	PerPage        int
}

// SearchAudit returns a page of audit records, newest first, and the count
// of all that match.
func (db *DB) SearchAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error) {
	p := navigator.PageOf(f.Page, f.PerPage, navigator.DefaultPerPage)
	f.Page, f.PerPage = p.Page, p.PerPage
	where, args := []string{"1 = 1"}, []any{}
	if f.Action != "" {
		// A prefix compared as a prefix, not with LIKE: actions have
		// underscores («site_user.list»), which LIKE reads as wildcards.
		prefix := f.Action + "."
		where, args = append(where, "(action = ? OR substr(action, 1, ?) = ?)"), append(args, f.Action, utf8.RuneCountInString(prefix), prefix)
	}
	if f.ActorRole != "" {
		where, args = append(where, "actor_role = ?"), append(args, f.ActorRole)
	}
	if f.ActorID != 0 {
		where, args = append(where, "actor_id = ?"), append(args, f.ActorID)
	}
	if f.SubjectKind != "" {
		where, args = append(where, "subject_kind = ? AND subject_id = ?"), append(args, f.SubjectKind, f.SubjectID)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UTC())
	}
	if names := navigator.ParsePeopleQuery(f.Person).Names; len(names) > 0 {
		c, a := db.auditPersonCondition(names)
		where, args = append(where, c), append(args, a...)
	} else if strings.TrimSpace(f.Person) != "" {
		return []AuditEntry{}, 0, nil // no name in it: nobody matches
	}
	if f.MunicipalityID != 0 {
		c, a := auditMunicipalityCondition(f.MunicipalityID)
		where, args = append(where, c), append(args, a...)
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := db.queryRow(ctx, "SELECT count(*) FROM audit_log WHERE "+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("audit count: %w", err)
	}
	list, err := db.auditQuery(ctx, cond+" ORDER BY id DESC LIMIT ? OFFSET ?", append(args, f.PerPage, (f.Page-1)*f.PerPage)...)
	return list, total, err
}

// auditPersonCondition keeps the entries written by, or about, the people
// whose names start with names (surname, name, patronymic).
func (db *DB) auditPersonCondition(names []string) (string, []any) {
	fold := func(col string) string { return "replace(" + db.lower(col) + ", 'ё', 'е')" }
	var people []string // over the columns of a site user or a child
	var args []any
	for i, n := range names {
		people = append(people, fold([3]string{"last_name", "first_name", "patronymic"}[i])+" LIKE ?")
		args = append(args, likePrefix(n))
	}
	byName := strings.Join(people, " AND ")
	staff := fold("full_name") + " LIKE ?"
	staffArg := likePrefix(strings.Join(names, " "))
	cond := `((actor_role = 'parent' AND actor_id IN (SELECT id FROM site_users WHERE ` + byName + `))
		OR (actor_role <> 'parent' AND actor_id IN (SELECT id FROM staff WHERE ` + staff + `))
		OR (subject_kind = 'site_user' AND subject_id IN (SELECT id FROM site_users WHERE ` + byName + `))
		OR (subject_kind = 'child' AND subject_id IN (SELECT id FROM children WHERE ` + byName + `))
		OR (subject_kind = 'staff' AND subject_id IN (SELECT id FROM staff WHERE ` + staff + `)))`
	all := append(append([]any{}, args...), staffArg)
	all = append(append(all, args...), args...)
	return cond, append(all, staffArg)
}

// auditMunicipalityCondition keeps the entries of a municipality.
func auditMunicipalityCondition(m int64) (string, []any) {
	const staffOf = `SELECT s.id FROM staff s LEFT JOIN organizations o ON o.id = s.organization_id WHERE s.municipality_id = ? OR o.municipality_id = ?`
	cond := `((actor_role = 'parent' AND actor_id IN (SELECT id FROM site_users WHERE municipality_id = ?))
		OR (actor_role IN ('operator', 'provider', 'municipal_admin') AND actor_id IN (` + staffOf + `))
		OR (subject_kind = 'site_user' AND subject_id IN (SELECT id FROM site_users WHERE municipality_id = ?))
		OR (subject_kind = 'child' AND subject_id IN (SELECT c.id FROM children c JOIN site_users u ON u.id = c.site_user_id WHERE u.municipality_id = ?))
		OR (subject_kind = 'organization' AND subject_id IN (SELECT id FROM organizations WHERE municipality_id = ?))
		OR (subject_kind = 'staff' AND subject_id IN (` + staffOf + `))
		OR (subject_kind = 'program' AND subject_id IN (SELECT id FROM programs WHERE municipality_id = ?))
		OR (subject_kind = 'application' AND subject_id IN (SELECT a.id FROM applications a JOIN groups g ON g.id = a.group_id
			JOIN programs p ON p.id = g.program_id WHERE p.municipality_id = ?))
		OR (subject_kind = 'certificate' AND subject_id IN (SELECT s.id FROM certificates s JOIN children c ON c.id = s.child_id
			JOIN site_users u ON u.id = c.site_user_id WHERE u.municipality_id = ?))
		OR (subject_kind = 'municipality' AND subject_id = ?))`
	args := make([]any, 12)
	for i := range args {
		args[i] = m
	}
	return cond, args
}

// AuditActorNames names the people who wrote the entries: «Фамилия Имя
// Отчество» of the staff and the site users among them, by "role:id".
func (db *DB) AuditActorNames(ctx context.Context, entries []AuditEntry) (map[string]string, error) {
	out := map[string]string{}
	err := db.View(ctx, func(tx *Tx) error {
		for _, e := range entries {
			key := e.ActorRole + ":" + strconv.FormatInt(e.ActorID, 10)
			if _, seen := out[key]; seen || e.ActorID == 0 {
				continue
			}
			var q string
			switch e.ActorRole {
			case "parent":
				q = "SELECT TRIM(last_name || ' ' || first_name || ' ' || patronymic) FROM site_users WHERE id = ?"
			case "operator", "provider", "municipal_admin", "regional_admin":
				q = "SELECT CASE WHEN full_name <> '' THEN full_name ELSE email END FROM staff WHERE id = ?"
			default:
				continue
			}
			var name string
			if err := tx.QueryRow(ctx, q, e.ActorID).Scan(&name); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			out[key] = name
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit actor names: %w", err)
	}
	return out, nil
}
