package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// forger recomputes the chain from a row on, as an intruder with the
// database (and the public source code) would: with plain SHA-256, or
// with a key of their own.
type forger func(data []byte) string

func plainSHA(data []byte) string { s := sha256.Sum256(data); return hex.EncodeToString(s[:]) }

func otherKey(t *testing.T) forger {
	k, err := secret.New("an intruder own key and not the installation key")
	if err != nil {
		t.Fatal(err)
	}
	return k.ChainHash
}

// linkInput is the chain's input as the source code documents it.
func linkInput(prev string, at time.Time, role string, actor int64, action, kind string, subject int64, ip, details string) []byte {
	var b []byte
	for _, p := range []string{prev, at.UTC().Format(time.RFC3339Nano), role, strconv.FormatInt(actor, 10), action, kind,
		strconv.FormatInt(subject, 10), ip, details} {
		b = append(append(b, p...), 0)
	}
	return b
}

// rewrite edits row `from` (actor_id := 8) and recomputes every link from
// it with forge, lifting the append-only guard first.
func rewrite(t *testing.T, db *store.DB, raw *sql.DB, from int64, forge forger) {
	t.Helper()
	ctx := context.Background()
	lift := map[store.Engine]string{store.SQLite: "DROP TRIGGER IF EXISTS audit_log_no_update",
		store.Postgres: "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"}[db.Engine()]
	if _, err := raw.ExecContext(ctx, lift); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET actor_id = 8 WHERE id = $1", from); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.QueryContext(ctx, "SELECT id, at, actor_role, actor_id, action, subject_kind, subject_id, ip, details, hash FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id        int64
		prev, sum string
	}
	var fix []row
	prev := ""
	for rows.Next() {
		var id, actor, subject int64
		var at time.Time
		var role, action, kind, ip, details, hash string
		if err := rows.Scan(&id, &at, &role, &actor, &action, &kind, &subject, &ip, &details, &hash); err != nil {
			t.Fatal(err)
		}
		if id >= from {
			hash = forge(linkInput(prev, at, role, actor, action, kind, subject, ip, details))
			fix = append(fix, row{id, prev, hash})
		}
		prev = hash
	}
	rows.Close()
	for _, r := range fix {
		if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3", r.prev, r.sum, r.id); err != nil {
			t.Fatal(err)
		}
	}
}

func writeEntries(t *testing.T, db *store.DB, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		must(t, db.Audit(context.Background(), store.AuditEntry{ActorRole: "operator", ActorID: 7, Action: "child.read",
			SubjectKind: "child", SubjectID: int64(i), IP: "10.0.0.1"}))
	}
}

// TestAuditChainIsKeyed: whoever edits a row and recomputes the chain
// without the installation's key (plain SHA-256, as the old chain was, or
// a key of their own) is caught at that row.
func TestAuditChainIsKeyed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		forge   func(t *testing.T) forger
		unkeyed bool
	}{
		{"plain SHA-256", func(*testing.T) forger { return plainSHA }, true},
		{"another key", otherKey, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				writeEntries(t, db, 5)
				if chk, err := db.VerifyAudit(ctx); err != nil || chk.Broken != 0 || chk.Entries != 5 || chk.HeadID != 5 {
					t.Fatalf("intact chain: %+v %v", chk, err)
				}
				rewrite(t, db, rawDB(t, db), 3, c.forge(t))
				chk, err := db.VerifyAudit(ctx)
				if err != nil || chk.Broken != 3 || chk.Unkeyed != c.unkeyed {
					t.Fatalf("recomputed chain: %+v %v; want broken at 3, unkeyed %v", chk, err, c.unkeyed)
				}
			})
		})
	}
}

// TestAuditChainKeyedOnce: a journal of plain SHA-256 links (written
// before the chain was keyed) is checked and keyed once, a break in it is
// named by an entry of the keyed chain, and after that a journal rewritten
// back to plain links is a forgery, never keyed again.
func TestAuditChainKeyedOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		writeEntries(t, db, 4)
		raw := rawDB(t, db)
		// The old binary's journal: plain links, no mark.
		rewrite(t, db, raw, 1, plainSHA)
		if _, err := raw.ExecContext(ctx, "DELETE FROM settings WHERE key = 'audit_chain'"); err != nil {
			t.Fatal(err)
		}
		restoreGuard(t, db, raw)
		if chk, _ := db.VerifyAudit(ctx); chk.Broken != 1 || !chk.Unkeyed {
			t.Fatalf("an unkeyed journal must not pass: %+v", chk)
		}
		n, broken, err := db.KeyAuditChain(ctx)
		if err != nil || n != 4 || broken != 0 {
			t.Fatalf("keying: %d links, broken %d, %v", n, broken, err)
		}
		chk, err := db.VerifyAudit(ctx)
		if err != nil || chk.Broken != 0 || chk.Entries != 5 {
			t.Fatalf("keyed journal: %+v %v", chk, err)
		}
		entries, _, _ := db.SearchAudit(ctx, store.AuditFilter{Action: "audit.chain_keyed"})
		if len(entries) != 1 || strings.Contains(entries[0].Details, "нарушена") {
			t.Fatalf("keying entry: %+v", entries)
		}
		// Rewritten back to plain links: caught, and not keyed again.
		rewrite(t, db, raw, 2, plainSHA)
		if n, _, err := db.KeyAuditChain(ctx); err != nil || n != 0 {
			t.Fatalf("a second keying: %d links, %v", n, err)
		}
		if chk, _ := db.VerifyAudit(ctx); chk.Broken != 2 || !chk.Unkeyed {
			t.Fatalf("downgraded journal: %+v", chk)
		}
	})
}

// TestAuditChainKeyingNamesOldBreak: a break in the old chain is not
// laundered by keying it: the keyed chain's newest entry names it.
func TestAuditChainKeyingNamesOldBreak(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		writeEntries(t, db, 4)
		raw := rawDB(t, db)
		rewrite(t, db, raw, 1, plainSHA)
		if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET subject_id = 99 WHERE id = 3"); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.ExecContext(ctx, "DELETE FROM settings WHERE key = 'audit_chain'"); err != nil {
			t.Fatal(err)
		}
		restoreGuard(t, db, raw)
		if _, broken, err := db.KeyAuditChain(ctx); err != nil || broken != 3 {
			t.Fatalf("keying a broken journal: broken %d, %v", broken, err)
		}
		entries, _, _ := db.SearchAudit(ctx, store.AuditFilter{Action: "audit.chain_keyed"})
		if len(entries) != 1 || !strings.Contains(entries[0].Details, "нарушена на записи 3") {
			t.Fatalf("keying entry: %+v", entries)
		}
	})
}

// TestAuditChainRotation: a key rotation keys the chain anew in the same
// transaction: the new key alone verifies it, the old one no longer does.
func TestAuditChainRotation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		writeEntries(t, db, 6)
		const fresh = "the new installation key after a rotation 32+ chars"
		ring, err := secret.New(fresh + "," + "storetest: not a secret but a fixed key for tests 0123456789")
		if err != nil {
			t.Fatal(err)
		}
		sum, err := db.RotateSecrets(ctx, ring)
		if err != nil || sum.AuditLinks != 6 || sum.AuditBroken != 0 {
			t.Fatalf("rotation: %+v %v", sum, err)
		}
		newOnly, _ := secret.New(fresh)
		db.UseKeys(newOnly)
		if chk, err := db.VerifyAudit(ctx); err != nil || chk.Broken != 0 || chk.Entries != 6 {
			t.Fatalf("the new key: %+v %v", chk, err)
		}
		must(t, db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 7, Action: "child.read"}))
		db.UseKeys(storetest.Keys(t))
		if chk, _ := db.VerifyAudit(ctx); chk.Broken != 1 {
			t.Fatalf("the old key still verifies the rekeyed chain: %+v", chk)
		}
		// The guard is back after the rotation.
		if err := db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE audit_log SET actor_id = 9 WHERE id = 1")
			return err
		}); err == nil {
			t.Fatal("the journal is not append-only after a rotation")
		}
	})
}

// restoreGuard puts the append-only guard back as the migration made it.
func restoreGuard(t *testing.T, db *store.DB, raw *sql.DB) {
	t.Helper()
	q := map[store.Engine]string{
		store.SQLite:   "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
		store.Postgres: "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change",
	}[db.Engine()]
	if _, err := raw.ExecContext(context.Background(), q); err != nil {
		t.Fatal(err)
	}
}
