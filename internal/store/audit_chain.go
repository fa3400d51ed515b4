package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"navigator/internal/secret"
)

// auditKeyedMark is the setting written once the chain is keyed: after it
// an unkeyed link is a forgery, never a leftover.
const auditKeyedMark = "audit_chain"

// chainKeys computes and checks the chain's keyed links (*secret.Keys).
type chainKeys interface {
	ChainHash(data []byte) string
	ChainHashOK(data []byte, link string) bool
}

// AuditCheck is what a walk of the audit chain found.
type AuditCheck struct {
	Entries  int64
	HeadID   int64  // the newest entry, 0 for an empty journal
	HeadHash string // its link
	// Broken is the first entry that was altered, follows a removed one or
	// carries a link not made with the installation's key; 0 if intact.
	Broken  int64
	Unkeyed bool // Broken's link is not keyed at all
}

// VerifyAudit walks the chain with the installation's keys.
func (db *DB) VerifyAudit(ctx context.Context) (*AuditCheck, error) {
	if db.keys == nil {
		return nil, errors.New("verify audit: the store has no keys")
	}
	out := &AuditCheck{}
	err := db.View(ctx, func(tx *Tx) error {
		prev := ""
		return walkAudit(ctx, tx, func(e *AuditEntry) (bool, error) {
			out.Entries++
			out.HeadID, out.HeadHash = e.ID, e.Hash
			if out.Broken != 0 {
				return true, nil
			}
			if e.PrevHash != prev || !db.keys.ChainHashOK(chainInput(prev, e), e.Hash) {
				out.Broken = e.ID
				out.Unkeyed = !strings.HasPrefix(e.Hash, secret.ChainPrefix)
			}
			prev = e.Hash
			return true, nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("verify audit: %w", err)
	}
	return out, nil
}

// AuditHead returns the newest entry's number and link (0, "" when the
// journal is empty): what a checkpoint records.
func (db *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var id int64
	var link string
	err := db.queryRow(ctx, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&id, &link)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("audit head: %w", err)
	}
	return id, link, nil
}

// AuditLink returns entry id's link, and false when there is no such entry.
func (db *DB) AuditLink(ctx context.Context, id int64) (string, bool, error) {
	var link string
	err := db.queryRow(ctx, "SELECT hash FROM audit_log WHERE id = ?", id).Scan(&link)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("audit link %d: %w", id, err)
	}
	return link, true, nil
}

// KeyAuditChain keys a journal written before the chain was keyed: every
// plain SHA-256 link is checked and replaced by a keyed one, in one
// transaction, once (a mark in the settings says it was done; after it an
// unkeyed link is reported as a forgery). A break found in the old chain
// is not hidden: the keyed chain ends with an entry naming it.
func (db *DB) KeyAuditChain(ctx context.Context) (keyed int, broken int64, err error) {
	if db.keys == nil {
		return 0, 0, errors.New("key audit chain: the store has no keys")
	}
	err = db.Update(ctx, func(tx *Tx) error {
		if err := lockAudit(ctx, tx); err != nil {
			return err
		}
		var mark string
		err := tx.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", auditKeyedMark).Scan(&mark)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var legacy int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM audit_log WHERE hash NOT LIKE 'k1:%'").Scan(&legacy); err != nil {
			return err
		}
		if legacy > 0 {
			if keyed, broken, err = rechain(ctx, tx, db.keys, true); err != nil {
				return err
			}
			details := fmt.Sprintf("цепочка журнала заверена ключом установки: %d записей", keyed)
			if broken != 0 {
				details += fmt.Sprintf("; прежняя цепочка без ключа была нарушена на записи %d", broken)
			}
			if err := audit(ctx, tx, AuditEntry{ActorRole: "system", Action: "audit.chain_keyed", Details: details}); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, 'hmac-sha256 v1')", auditKeyedMark)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("key audit chain: %w", err)
	}
	return keyed, broken, nil
}

// rechain recomputes every link with the key in force, checking the old
// ones as it goes (under any key of the ring, or as plain SHA-256 when
// legacy is allowed); it returns how many links changed and the first
// entry whose old link did not hold. The journal's append-only triggers
// are lifted and restored inside the transaction.
func rechain(ctx context.Context, tx *Tx, keys chainKeys, legacy bool) (changed int, broken int64, err error) {
	if err := lockAudit(ctx, tx); err != nil {
		return 0, 0, err
	}
	for _, q := range auditGuards[tx.engine].lift {
		if _, err := tx.Exec(ctx, q); err != nil {
			return 0, 0, fmt.Errorf("lift audit guard: %w", err)
		}
	}
	type link struct {
		id         int64
		prev, hash string
	}
	var oldPrev, newPrev string
	var last int64
	for {
		var page []link
		n := 0
		err := walkAuditFrom(ctx, tx, last, 1000, func(e *AuditEntry) (bool, error) {
			n++
			last = e.ID
			in := chainInput(oldPrev, e)
			ok := e.PrevHash == oldPrev && (keys.ChainHashOK(in, e.Hash) || legacy && e.Hash == legacyLink(oldPrev, e))
			if !ok && broken == 0 {
				broken = e.ID
			}
			oldPrev = e.Hash
			fresh := keys.ChainHash(chainInput(newPrev, e))
			if fresh != e.Hash || newPrev != e.PrevHash {
				page = append(page, link{e.ID, newPrev, fresh})
			}
			newPrev = fresh
			return true, nil
		})
		if err != nil {
			return 0, 0, err
		}
		for _, l := range page {
			if _, err := tx.Exec(ctx, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", l.prev, l.hash, l.id); err != nil {
				return 0, 0, fmt.Errorf("rechain %d: %w", l.id, err)
			}
		}
		changed += len(page)
		if n < 1000 {
			break
		}
	}
	for _, q := range auditGuards[tx.engine].restore {
		if _, err := tx.Exec(ctx, q); err != nil {
			return 0, 0, fmt.Errorf("restore audit guard: %w", err)
		}
	}
	return changed, broken, nil
}

// lockAudit serializes writers of the chain on PostgreSQL (SQLite has one
// writer).
func lockAudit(ctx context.Context, tx *Tx) error {
	if tx.engine != Postgres {
		return nil
	}
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7421)"); err != nil {
		return fmt.Errorf("audit lock: %w", err)
	}
	return nil
}

// auditGuards are the append-only triggers of migration 00007, lifted and
// restored by a rechain (restored even when someone had dropped them).
var auditGuards = map[Engine]struct{ lift, restore []string }{
	SQLite: {
		lift: []string{"DROP TRIGGER IF EXISTS audit_log_no_update"},
		restore: []string{`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END`, `CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END`},
	},
	Postgres: {
		lift: []string{"DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log"},
		restore: []string{`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`},
	},
}

// walkAudit calls fn for every entry in order.
func walkAudit(ctx context.Context, tx *Tx, fn func(*AuditEntry) (bool, error)) error {
	return walkAuditFrom(ctx, tx, 0, -1, fn)
}

// walkAuditFrom calls fn for up to limit entries after id (all when limit
// is negative), in order, until fn says stop.
func walkAuditFrom(ctx context.Context, tx *Tx, after int64, limit int, fn func(*AuditEntry) (bool, error)) error {
	q := "SELECT " + auditColumns + " FROM audit_log WHERE id > ? ORDER BY id"
	args := []any{after}
	if limit >= 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		more, err := fn(&e)
		if err != nil || !more {
			return err
		}
	}
	return rows.Err()
}
