package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"navigator/internal/contingent"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

func TestContingentImportCommand(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			env := map[string]string{"NAVIGATOR_DB": storetest.URL(t, engine), "NAVIGATOR_SECRET": testSecret}
			dir := t.TempDir()
			good := filepath.Join(dir, "good.csv")
			os.WriteFile(good, []byte(contingent.Header+"\nСемёнова,Алёна,Игоревна,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95\n"+
				"Ершов,Пётр,,2011-09-01,male,passport,4512,654321,\n"), 0o600)
			code, out, errs := run(t, ctx, env, "", "contingent", "import", good)
			if code != 0 || !strings.Contains(out, "Загружено 2 записи реестра «Контингент»") {
				t.Fatalf("import: %d %q %q", code, out, errs)
			}
			bad := filepath.Join(dir, "bad.csv")
			os.WriteFile(bad, []byte(contingent.Header+"\nА,Б,,2015-01-01,male,passport,4512,000001,\nВ,Г,,2015-01-01,male,passport,4512,0000x2,\n"), 0o600)
			code, _, errs = run(t, ctx, env, "", "contingent", "import", bad)
			if code == 0 || !strings.Contains(errs, "line 3: document_number") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Fatalf("bad file: %d %q", code, errs)
			}
			db, err := store.Open(ctx, env["NAVIGATOR_DB"])
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n, _ := db.ContingentCount(ctx); n != 2 {
				t.Fatalf("%d records after a bad file, want the 2 of the good one", n)
			}
			for _, args := range [][]string{{"contingent"}, {"contingent", "import"}, {"contingent", "import", filepath.Join(dir, "missing.csv")}} {
				if code, _, _ := run(t, ctx, env, "", args...); code == 0 {
					t.Errorf("%v exited 0", args)
				}
			}
		})
	}
}

// TestContingentCmdProgress calls the command directly on 50,000 rows and
// checks the progress line and the usage errors.
func TestContingentCmdProgress(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	getenv := env(func(k string) string {
		return map[string]string{"NAVIGATOR_DB": "sqlite:" + filepath.Join(dir, "n.db"), "NAVIGATOR_SECRET": testSecret}[k]
	})
	var b strings.Builder
	b.WriteString(contingent.Header + "\n")
	for i := 0; i < contingent.ProgressEvery; i++ {
		fmt.Fprintf(&b, "Иванова,Мария,,2015-03-04,female,passport,4512,%06d,\n", i)
	}
	file := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	if err := contingentCmd(ctx, []string{"import", file}, getenv, stdio{in: strings.NewReader(""), out: &out, err: &errb}); err != nil {
		t.Fatal(err)
	}
	if want := "Загружено 50 000 строк…\nЗагружено 50000 записей реестра «Контингент».\n"; out.String() != want {
		t.Fatalf("output %q, want %q", out.String(), want)
	}
	for _, args := range [][]string{nil, {"export", file}, {"import"}, {"import", file, file}, {"import", file, "--nope"}} {
		var u usageError
		if err := contingentCmd(ctx, args, getenv, stdio{out: &out, err: &errb}); !errors.As(err, &u) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1 000", 150000: "150 000", 1000000: "1 000 000"} {
		if got := groupDigits(n); got != want {
			t.Errorf("groupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAuditVerifyFindsTampering(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	env := map[string]string{"NAVIGATOR_DB": "sqlite:" + path, "NAVIGATOR_SECRET": testSecret}
	if code, _, errs := run(t, ctx, env, "", "demo"); code != 0 {
		t.Fatal(errs)
	}
	db, err := store.Open(ctx, env["NAVIGATOR_DB"])
	if err != nil {
		t.Fatal(err)
	}
	keys, err := secret.New(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	db.UseKeys(keys)
	for i := 0; i < 5; i++ {
		if err := db.Audit(ctx, store.AuditEntry{ActorRole: "operator", ActorID: 3, Action: "child.read", SubjectKind: "child", SubjectID: int64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	code, out, errs := run(t, ctx, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "Журнал аудита цел") {
		t.Fatalf("intact log: %d %q %q", code, out, errs)
	}
	// One connection that waits for a lock: the closed store's last
	// checkpoint may still be finishing.
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET subject_id = 99 WHERE id = 3"} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	code, _, errs = run(t, ctx, env, "", "audit", "verify")
	if code == 0 || !strings.Contains(errs, "broken at record 3") {
		t.Fatalf("tampered log: %d %q", code, errs)
	}
}
