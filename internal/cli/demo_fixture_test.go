package cli

import (
	"context"
	"testing"

	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// demoInstallation is what `navigator demo` leaves on a fresh database of
// the engine: its data folder (with the secret key), the database's
// address, the installation's keys and the store open with them; the
// caller closes db before running commands that write.
type demoInstallation struct {
	dir, url string
	master   string // the secret key in dir
	env      map[string]string
	keys     *secret.Keys
	db       *store.DB
}

// newDemoInstallation runs `navigator demo` on a fresh database of engine.
func newDemoInstallation(t *testing.T, ctx context.Context, engine store.Engine) *demoInstallation {
	t.Helper()
	d := &demoInstallation{dir: t.TempDir(), url: storetest.URL(t, engine)}
	d.env = map[string]string{"NAVIGATOR_DB": d.url, "NAVIGATOR_DATA_DIR": d.dir}
	if code, _, errs := run(t, ctx, d.env, "", "demo"); code != 0 {
		t.Fatal(errs)
	}
	var err error
	if d.master, err = secret.LoadOrCreate(d.dir); err != nil {
		t.Fatal(err)
	}
	if d.keys, err = secret.New(d.master); err != nil {
		t.Fatal(err)
	}
	if d.db, err = store.Open(ctx, d.url); err != nil {
		t.Fatal(err)
	}
	d.db.UseKeys(d.keys)
	return d
}
