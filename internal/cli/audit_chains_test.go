package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestAuditVerifyPerChain: audit verify reports every chain of the demo
// region's journal (entries, newest, state) in Russian; when the newest
// entries of one municipality's chain are cut after a checkpoint, or an
// entry of it is altered, it fails naming that chain and its
// municipality, the other chains still reported whole.
func TestAuditVerifyPerChain(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			inst := newDemoInstallation(t, ctx, engine)
			dir, url, env, keys, db := inst.dir, inst.url, inst.env, inst.keys, inst.db
			muns, err := db.Municipalities(ctx)
			if err != nil || len(muns) < 2 {
				t.Fatalf("demo municipalities: %d %v", len(muns), err)
			}
			a, b := muns[0], muns[1]
			for i := 0; i < 3; i++ { // a regional admin's work in two municipalities, in turn
				for _, m := range []int64{a.ID, b.ID} {
					if err := db.Audit(ctx, store.AuditEntry{ActorRole: "regional_admin", ActorID: 1, Action: "municipality.read",
						SubjectKind: "municipality", SubjectID: m}); err != nil {
						t.Fatal(err)
					}
				}
			}
			heads, err := chainHeads(db)(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cpPath := filepath.Join(dir, checkpoint.FileName)
			if err := checkpoint.Append(cpPath, checkpoint.New(keys, heads, time.Now())); err != nil {
				t.Fatal(err)
			}
			var headB int64
			for _, h := range heads {
				if h.Chain == b.ID {
					headB = h.Seq
				}
			}
			db.Close()

			code, out, errs := run(t, ctx, env, "", "audit", "verify")
			if code != 0 || !strings.Contains(out, "Цепочки журнала аудита") || !strings.Contains(out, "«"+b.Name+"»: 3 записи, последняя № "+strconv.FormatInt(headB, 10)+", цела") ||
				!strings.Contains(out, "Сверено с контрольной точкой") {
				t.Fatalf("intact: %d %q %q", code, out, errs)
			}

			raw := openRaw(t, engine, url)
			for _, q := range map[store.Engine][]string{
				store.SQLite:   {"DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_no_update"},
				store.Postgres: {"ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"},
			}[engine] {
				if _, err := raw.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			// One municipality's newest entry cut: every chain still holds,
			// the checkpoint names the chain.
			if _, err := raw.ExecContext(ctx, "DELETE FROM audit_log WHERE id = $1", headB); err != nil {
				t.Fatal(err)
			}
			code, out, errs = run(t, ctx, env, "", "audit", "verify")
			if code == 0 || !strings.Contains(errs, "newest entries of the audit journal were removed") ||
				!strings.Contains(errs, "chain "+strconv.FormatInt(b.ID, 10)) || !strings.Contains(errs, b.Name) || strings.Contains(out, "НАРУШЕНА") {
				t.Fatalf("one chain cut: %d %q %q", code, out, errs)
			}
			// An entry of that chain altered: that chain is broken, the
			// first municipality's is whole.
			if _, err := raw.ExecContext(ctx, "UPDATE audit_log SET details = 'x' WHERE chain = $1 AND id < $2", b.ID, headB); err != nil {
				t.Fatal(err)
			}
			code, out, errs = run(t, ctx, env, "", "audit", "verify")
			if code == 0 || !strings.Contains(errs, "the chain of муниципалитет № "+strconv.FormatInt(b.ID, 10)) ||
				!strings.Contains(out, "«"+a.Name+"»: 3 записи") || !strings.Contains(out, "НАРУШЕНА") {
				t.Fatalf("one chain altered: %d %q %q", code, out, errs)
			}
		})
	}
}
