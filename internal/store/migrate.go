package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

const versionTable = "schema_migrations"

func (db *DB) migrator() (*goose.Provider, error) {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.engine == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
		// Two servers starting at once must not migrate twice.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return nil, err
	}
	opts = append(opts, goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true))
	return goose.NewProvider(dialect, db.write, sub, opts...)
}

// ErrTooNew says the database was migrated by a newer binary.
var ErrTooNew = errors.New("database is newer than this program")

// Migrate applies the pending migrations. It refuses a database migrated by
// a newer binary rather than run code against a schema it does not know.
func (db *DB) Migrate(ctx context.Context) (applied int, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrations: read schema version: %w", err)
	}
	if current > target {
		return 0, fmt.Errorf("%w: schema version %d, this program knows up to %d; run a newer navigator", ErrTooNew, current, target)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("migrations: %w", err)
	}
	return len(res), nil
}

// SchemaStatus reports the database's schema version against the binary's.
func (db *DB) SchemaStatus(ctx context.Context) (current, target int64, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, 0, err
	}
	return p.GetVersions(ctx)
}
