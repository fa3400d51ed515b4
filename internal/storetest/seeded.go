package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"navigator/internal/secret"
	"navigator/internal/store"
)

// A seeded copy is made once per process, engine and key: for SQLite a
// database file in a folder of its own, for PostgreSQL a database used as
// the template of the clones. Seeding the demo region costs seconds under
// the race detector; copying its file costs milliseconds.
type seededCopy struct {
	once sync.Once
	path string // SQLite: the seeded file
	name string // PostgreSQL: the seeded database
	err  error
}

var (
	seededMu     sync.Mutex
	seededCopies = map[string]*seededCopy{}
	// made are what Cleanup removes: folders and PostgreSQL databases.
	madeDirs      []string
	madeDatabases []string
)

// Seeded returns a fresh database of the engine holding what seed wrote,
// cloned from a copy seeded once per process and key: a copy of the file
// for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL. The clone is
// closed and removed when the test ends; keys are the installation's.
func Seeded(t testing.TB, engine store.Engine, key string, keys *secret.Keys, seed func(ctx context.Context, db *store.DB) error) *store.DB {
	t.Helper()
	ctx := context.Background()
	var base string
	if engine == store.Postgres {
		base = requirePostgres(t)
	}
	seededMu.Lock()
	c, ok := seededCopies[string(engine)+"\x00"+key]
	if !ok {
		c = &seededCopy{}
		seededCopies[string(engine)+"\x00"+key] = c
	}
	seededMu.Unlock()
	c.once.Do(func() { c.err = c.make(ctx, engine, base, keys, seed) })
	if c.err != nil {
		t.Fatalf("seeded %s database: %v", engine, c.err)
	}
	var u string
	switch engine {
	case store.SQLite:
		dst := filepath.Join(t.TempDir(), "navigator.db")
		if err := copyFile(c.path, dst); err != nil {
			t.Fatal(err)
		}
		u = "sqlite:" + dst
	case store.Postgres:
		u = createDatabase(t, base, c.name)
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		t.Fatalf("open seeded %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	db.UseKeys(keys)
	return db
}

// make seeds the copy: migrated, seeded, closed, so that nothing holds it
// open while it is copied.
func (c *seededCopy) make(ctx context.Context, engine store.Engine, base string, keys *secret.Keys, seed func(context.Context, *store.DB) error) error {
	var u string
	switch engine {
	case store.SQLite:
		dir, err := os.MkdirTemp("", "navigator-seeded-")
		if err != nil {
			return err
		}
		remember(&madeDirs, dir)
		c.path = filepath.Join(dir, "navigator.db")
		u = "sqlite:" + c.path
	case store.Postgres:
		c.name = "navigator_seeded_" + randomSuffix()
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return err
		}
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+c.name); err != nil {
			return fmt.Errorf("create seeded database: %w", err)
		}
		remember(&madeDatabases, c.name)
		u = withDatabase(base, c.name)
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		return err
	}
	db.UseKeys(keys)
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return err
	}
	if err := seed(ctx, db); err != nil {
		db.Close()
		return err
	}
	if engine == store.SQLite {
		if err := db.Checkpoint(ctx); err != nil {
			db.Close()
			return err
		}
	}
	return db.Close()
}

func remember(list *[]string, v string) {
	seededMu.Lock()
	defer seededMu.Unlock()
	*list = append(*list, v)
}

// copyFile copies a seeded SQLite file, and its write-ahead log if one
// is left, readable by the owner only.
func copyFile(src, dst string) error {
	for _, suffix := range []string{"", "-wal"} {
		in, err := os.Open(src + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.OpenFile(dst+suffix, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			in.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Main runs a package's tests and then removes the seeded copies and the
// migrated template they left, and runs after (e.g. browsertest.Close):
// call it from TestMain.
func Main(m *testing.M, after ...func()) {
	code := m.Run()
	Cleanup()
	for _, f := range after {
		f()
	}
	if n := skippedPostgres.Load(); n > 0 {
		// go test ./... shows nothing of a passing package but its «ok»
		// line: say it on the terminal, so that a local run does not look
		// complete when half of it did not run.
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			fmt.Fprintf(tty, "storetest: %d PostgreSQL tests skipped in this package; set %s to run them\n", n, EnvPostgres)
			tty.Close()
		}
	}
	os.Exit(code)
}

// skippedPostgres counts the tests that skipped their PostgreSQL half.
var skippedPostgres atomic.Int64

// Cleanup removes the seeded SQLite folders and drops the PostgreSQL
// databases made to clone from.
func Cleanup() {
	seededMu.Lock()
	dirs, dbs := madeDirs, madeDatabases
	madeDirs, madeDatabases = nil, nil
	seededMu.Unlock()
	for _, d := range dirs {
		_ = os.RemoveAll(d)
	}
	if templateName != "" {
		dbs = append(dbs, templateName)
	}
	base := os.Getenv(EnvPostgres)
	if base == "" || len(dbs) == 0 {
		return
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return
	}
	defer admin.Close()
	for _, name := range dbs {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	}
}
