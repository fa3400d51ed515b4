package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/contingent"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// TestSecretRotate seals the demo's СНИЛС and a registry extract with the
// first key, rotates, and checks that everything opens and is found with
// the new key alone.
func TestSecretRotate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := map[string]string{"NAVIGATOR_DB": "sqlite:" + filepath.Join(dir, "n.db")}
	if code, _, errs := run(t, ctx, env, "", "demo"); code != 0 {
		t.Fatal(errs)
	}
	csv := filepath.Join(dir, "k.csv")
	os.WriteFile(csv, []byte(contingent.Header+"\nСемёнова,Алёна,,2016-04-12,female,birth_certificate,IV-МЮ,123456,112-233-445 95\n"), 0o600)
	if code, _, errs := run(t, ctx, env, "", "contingent", "import", csv); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	code, out, errs := run(t, ctx, env, "", "secret", "rotate")
	if code != 0 || !strings.Contains(out, "Перешифровано") {
		t.Fatalf("rotate: %d %q %q", code, out, errs)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "secret.key"))
	if string(after) == string(before) || strings.Contains(string(after), ",") {
		t.Fatalf("the key file was not replaced by one new key: %q", after)
	}
	newKeys, err := secret.New(strings.TrimSpace(string(after)))
	if err != nil {
		t.Fatal(err)
	}
	oldKeys, _ := secret.New(strings.TrimSpace(string(before)))
	db, err := store.Open(ctx, env["NAVIGATOR_DB"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec, err := contingent.NewBuiltin(db, newKeys).Lookup(ctx, contingent.Query{DocumentType: navigator.DocBirthCertificate, Series: "IV-МЮ", Number: "123456"})
	if err != nil || rec.SNILS != "11223344595" {
		t.Fatalf("registry after rotation: %+v %v", rec, err)
	}
	rows, _, err := db.SearchSiteUsers(ctx, store.SiteUserFilter{PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	opened := 0
	for _, u := range rows {
		children, _ := db.ChildrenOf(ctx, u.ID)
		for _, c := range children {
			if len(c.SNILSSealed) == 0 {
				continue
			}
			if _, err := newKeys.Open(c.SNILSSealed); err != nil {
				t.Fatalf("child %d does not open with the new key", c.ID)
			}
			if _, err := oldKeys.Open(c.SNILSSealed); err == nil {
				t.Fatalf("child %d still opens with the old key", c.ID)
			}
			opened++
		}
	}
	if opened == 0 {
		t.Fatal("no СНИЛС checked")
	}
}
