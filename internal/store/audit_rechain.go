package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

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
		// Every start asks; only a journal not yet keyed locks every
		// chain (a scan of the chain index), and then asks again, as a
		// server starting at the same time may have keyed it meanwhile.
		for locked := false; ; locked = true {
			var mark string
			err := tx.QueryRow(ctx, "SELECT value FROM settings WHERE key = ?", auditKeyedMark).Scan(&mark)
			if err == nil {
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if locked {
				break
			}
			if err := lockAllChains(ctx, tx); err != nil {
				return err
			}
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

// rechain recomputes every link of every chain with the key in force,
// checking the old ones as it goes (under any key of the ring, or as plain
// SHA-256 when legacy is allowed); it returns how many links changed and
// the first entry (of any chain) whose old link did not hold. Every chain
// is locked, and the journal's append-only triggers are lifted and
// restored inside the transaction.
func rechain(ctx context.Context, tx *Tx, keys chainKeys, legacy bool) (changed int, broken int64, err error) {
	if err := lockAllChains(ctx, tx); err != nil {
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
	// The links before the page, old and new, of each chain.
	oldPrev, newPrev := map[int64]string{}, map[int64]string{}
	var last int64
	for {
		var page []link
		n := 0
		err := walkAuditFrom(ctx, tx, last, 1000, func(e *AuditEntry) (bool, error) {
			n++
			last = e.ID
			prev := oldPrev[e.Chain]
			in := chainInput(prev, e)
			ok := e.PrevHash == prev && (keys.ChainHashOK(in, e.Hash) || legacy && e.Hash == legacyLink(prev, e))
			if !ok && (broken == 0 || e.ID < broken) {
				broken = e.ID
			}
			oldPrev[e.Chain] = e.Hash
			fresh := keys.ChainHash(chainInput(newPrev[e.Chain], e))
			if fresh != e.Hash || newPrev[e.Chain] != e.PrevHash {
				page = append(page, link{e.ID, newPrev[e.Chain], fresh})
			}
			newPrev[e.Chain] = fresh
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
