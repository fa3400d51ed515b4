// Package storetest opens real databases for tests: a fresh SQLite file for
// every test, and a fresh PostgreSQL database cloned from a migrated
// template when NAVIGATOR_TEST_POSTGRES_URL is set. Without that variable
// the PostgreSQL half skips locally and fails in CI.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"navigator/internal/secret"
	"navigator/internal/store"
)

// Keys are the installation keys of every test database: fixed, so that a
// database opened again in a test reads what it sealed before.
func Keys(t testing.TB) *secret.Keys {
	t.Helper()
	k, err := secret.New("storetest: not a secret but a fixed key for tests 0123456789")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// EnvPostgres names the variable with the PostgreSQL URL for tests.
const EnvPostgres = "NAVIGATOR_TEST_POSTGRES_URL"

// Engines are the engines every store test runs on.
var Engines = []store.Engine{store.SQLite, store.Postgres}

// Each runs fn once per engine as a subtest with a fresh migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open returns a fresh migrated database of the engine, closed and removed
// when the test ends.
func Open(t testing.TB, engine store.Engine) *store.DB {
	t.Helper()
	ctx := context.Background()
	var u string
	switch engine {
	case store.SQLite:
		u = "sqlite:" + filepath.Join(t.TempDir(), "navigator.db")
	case store.Postgres:
		u = postgresURL(t)
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	db.UseKeys(Keys(t))
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// URL returns a URL of a fresh empty (unmigrated) database of the engine.
func URL(t testing.TB, engine store.Engine) string {
	t.Helper()
	if engine == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "navigator.db")
	}
	base := requirePostgres(t)
	return createDatabase(t, base, "")
}

// requirePostgres returns the server's URL or skips (fails in CI).
func requirePostgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set: CI must test on PostgreSQL", EnvPostgres)
		}
		skippedPostgres.Add(1)
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://postgres@127.0.0.1:5432/test to run them", EnvPostgres)
	}
	return base
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

func postgresURL(t testing.TB) string {
	t.Helper()
	base := requirePostgres(t)
	templateOnce.Do(func() {
		templateName = "navigator_tmpl_" + randomSuffix()
		templateErr = makeTemplate(base, templateName)
	})
	if templateErr != nil {
		t.Fatalf("postgres template: %v", templateErr)
	}
	return createDatabase(t, base, templateName)
}

func makeTemplate(base, name string) error {
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	db, err := store.Open(ctx, withDatabase(base, name))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Migrate(ctx)
	return err
}

// createDatabase makes a database (from template, when given) that is
// dropped when the test ends.
func createDatabase(t testing.TB, base, template string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	name := "navigator_test_" + randomSuffix()
	q := "CREATE DATABASE " + name
	if template != "" {
		q += " TEMPLATE " + template
	}
	// Tests that run in parallel clone the same template at once; while
	// one CREATE DATABASE copies it, PostgreSQL may refuse another with
	// «source database is being accessed by other users» (55006): wait and
	// try again.
	for try := 0; ; try++ {
		_, err = admin.ExecContext(ctx, q)
		var pe *pgconn.PgError
		if err == nil || !errors.As(err, &pe) || pe.Code != "55006" || try == 100 {
			break
		}
		time.Sleep(time.Duration(20+try*5) * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("postgres: %v (is %s reachable?)", err, EnvPostgres)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return withDatabase(base, name)
}

func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return u.String()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
