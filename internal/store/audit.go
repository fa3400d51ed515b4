package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

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
	PrevHash    string    `json:"-"`
	Hash        string    `json:"-"`
}

// chainHash binds an entry to the one before it.
func chainHash(prev string, e *AuditEntry) string {
	h := sha256.New()
	for _, part := range []string{prev, e.At.UTC().Format(time.RFC3339Nano), e.ActorRole, strconv.FormatInt(e.ActorID, 10),
		e.Action, e.SubjectKind, strconv.FormatInt(e.SubjectID, 10), e.IP, e.Details} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Audit appends an entry in its own transaction.
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error { return audit(ctx, tx, e) })
}

// audit appends an entry inside tx, chained to the last one. Writers are
// serialized (one SQLite writer; a row lock on PostgreSQL), so the chain
// has no forks.
func audit(ctx context.Context, tx *Tx, e AuditEntry) error {
	if tx.engine == Postgres {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7421)"); err != nil {
			return fmt.Errorf("audit lock: %w", err)
		}
	}
	prev := ""
	err := tx.QueryRow(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && navigator.ErrorKind(mapError(err)) != navigator.KindNotFound {
		return fmt.Errorf("audit: %w", err)
	}
	e.At = tx.Now().Truncate(time.Microsecond)
	e.PrevHash = prev
	e.Hash = chainHash(prev, &e)
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.At, e.ActorRole, e.ActorID, e.Action, e.SubjectKind, e.SubjectID, e.IP, e.Details, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// VerifyAudit walks the chain and returns the ID of the first entry that
// was altered or follows a removed one, or 0 when the log is intact.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	var broken int64
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, prev_hash, hash
			FROM audit_log ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		prev := ""
		for rows.Next() {
			var e AuditEntry
			if err := rows.Scan(&e.ID, &e.At, &e.ActorRole, &e.ActorID, &e.Action, &e.SubjectKind, &e.SubjectID, &e.IP, &e.Details, &e.PrevHash, &e.Hash); err != nil {
				return err
			}
			if e.PrevHash != prev || chainHash(prev, &e) != e.Hash {
				broken = e.ID
				return nil
			}
			prev = e.Hash
		}
		return rows.Err()
	})
	return broken, err
}
