// Package store keeps the Навигатор's data in SQLite (embedded, the
// default) or PostgreSQL behind one API. Exported methods open their own
// transaction and compose small unexported helpers that take a *Tx.
// Dialect differences are few and visible: placeholders are rebound in one
// place and full-text search branches in catalog.go.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"

	"navigator/internal/secret"
)

// postgresLanes is how many group-commit transactions run at once on
// PostgreSQL: enough to keep its commits overlapping on two cores. More
// lanes cut the same traffic into smaller batches, each with its own
// commit: on a 2-core machine, 4 lanes beat 8 in the rush over many
// groups in 4 of 5 interleaved pairs, and in all 5 against the commit rate
// measured in the same run.
const postgresLanes = 4

// Engine names a database engine.
type Engine string

// Engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DefaultURL is the database used when none is given.
const DefaultURL = "sqlite:data/navigator.db"

// writerCacheKiB is the SQLite writer's page cache.
const writerCacheKiB = 64 << 10

// DB is an open database.
type DB struct {
	engine  Engine
	read    *sql.DB // queries; on SQLite a pool of query-only connections
	write   *sql.DB // transactions that write; on SQLite one connection
	path    string  // the SQLite file
	url     string  // as given to Open; holds credentials, so never logged
	now     func() time.Time
	batch   *batcher // group commit of the enrolment rush
	touches *touches // sessions seen, not written yet
	// sessions are what was read lately of live sessions; stopListen
	// ends the PostgreSQL listener that keeps them true (nil on SQLite).
	sessions   *sessionCache
	stopListen func()
	log        atomic.Pointer[slog.Logger]
	seats      *seatRecounts // programs whose free seats are to be recounted
	// replicas serve the public catalog (replica.go); nil: the primary.
	replicas *replicaSet
	stmts    *stmtCache // SQLite: statements prepared on the writer
	rstmts   *stmtCache // and on the readers
	// directions are the directions' names read lately.
	directions atomic.Pointer[directionCache]
	// checkpoints copy SQLite's log into its file; nil on PostgreSQL.
	checkpoints *checkpointer
	// keys seal what must not lie in the clear, such as the bodies of
	// letters waiting to be sent; nil until UseKeys.
	keys *secret.Keys
}

// UseKeys gives the store the installation's keys. Letters cannot be
// queued without them: their bodies carry working links and are kept
// sealed until they are sent.
func (db *DB) UseKeys(k *secret.Keys) { db.keys = k }

// Engine returns the engine behind db.
func (db *DB) Engine() Engine { return db.engine }

// URL returns the URL the database was opened with. It may hold a
// password: never log it.
func (db *DB) URL() string { return db.url }

// Path returns the SQLite file's path, or "" for PostgreSQL.
func (db *DB) Path() string { return db.path }

// SetClock replaces the clock; tests use it.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Now returns the current instant in UTC, to the microsecond that both
// engines keep.
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// Open connects to the database at url: "sqlite:PATH" or "postgres://…".
// The folder of a SQLite file must exist, except the default "data/",
// which is created. Open checks that the database can be read; it does
// not migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	var db *DB
	var err error
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		db, err = openSQLite(ctx, strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "//"), url == DefaultURL)
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db, err = openPostgres(ctx, url)
	default:
		return nil, unsupported(url)
	}
	if err != nil {
		return nil, err
	}
	db.url = url
	lanes := 1 // SQLite has one writer
	if db.engine == Postgres {
		lanes = postgresLanes
	}
	db.startBatcher(lanes)
	db.startTouches()
	db.startSessions()
	db.startSeatRecounts()
	return db, nil
}

func unsupported(url string) error {
	scheme, _, ok := strings.Cut(url, ":")
	if !ok || scheme == "" {
		scheme = url
	}
	return fmt.Errorf("unsupported database %q: use sqlite:PATH or postgres://USER@HOST/DB", scheme)
}

var registerFuncs sync.Once

// registerSQLiteFunctions adds the functions SQLite lacks for Russian text:
// its lower() folds ASCII only.
func registerSQLiteFunctions() {
	registerFuncs.Do(func() {
		_ = sqlite.RegisterDeterministicScalarFunction("ru_lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			s, _ := args[0].(string)
			return strings.ToLower(s), nil
		})
	})
}

func openSQLite(ctx context.Context, path string, isDefault bool) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty path: use sqlite:PATH")
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil {
		if !isDefault || !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("database folder %s does not exist", dir)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a database file", path)
	}
	if err := privateFiles(path); err != nil {
		return nil, err
	}
	registerSQLiteFunctions()
	base := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_time_format=sqlite"
	// temp_store(2) keeps statement journals in memory: a statement of
	// many rows (bulk.go) journals the pages it changes, so that it can be
	// undone alone, and on disk that is a write call for each page.
	//
	// cache_size: the writer keeps 64 MiB of pages (SQLite's default is
	// 2 MiB). On the morning of the rush it reads the children, their
	// certificates and the keys of 20,000 families; with the default most
	// of those pages were read again from the file, a system call each
	// inside the one lane every application waits for.
	//
	// wal_autocheckpoint: the checkpointer does it (sqlite_checkpoint.go).
	write, err := sql.Open("sqlite", base+"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=temp_store(2)"+
		fmt.Sprintf("&_pragma=cache_size(-%d)&_pragma=wal_autocheckpoint(%d)", writerCacheKiB, walBackstopPages)+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	// One writer: SQLite serializes writes anyway, and queueing them in Go
	// instead of on the file lock keeps latency flat under load.
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := checkSQLite(ctx, write, path); err != nil {
		write.Close()
		return nil, err
	}
	read, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	read.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	ckpt, err := sql.Open("sqlite", base)
	if err != nil {
		write.Close()
		read.Close()
		return nil, err
	}
	ckpt.SetMaxOpenConns(1)
	db := &DB{engine: SQLite, read: read, write: write, path: path, now: time.Now,
		stmts: newStmtCache(write), rstmts: newStmtCache(read)}
	db.startCheckpoints(ckpt)
	return db, nil
}

// checkSQLite opens the file and reads its header, so that an unreadable or
// corrupted file is refused at start, not at the first request.
func checkSQLite(ctx context.Context, db *sql.DB, path string) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("open %s: %w", path, sqliteReason(err))
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return fmt.Errorf("open %s: %w", path, sqliteReason(err))
	}
	return nil
}

func sqliteReason(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file is not a database"), strings.Contains(msg, "malformed"):
		return errors.New("the file is not a SQLite database or is corrupted")
	case strings.Contains(msg, "unable to open"), strings.Contains(msg, "readonly"), strings.Contains(msg, "permission"):
		return errors.New("cannot open the file: check that it exists and is readable and writable")
	}
	return err
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: cannot connect: %w", err)
	}
	return &DB{engine: Postgres, read: pool, write: pool, now: time.Now}, nil
}

// Close closes the connections.
func (db *DB) Close() error {
	if db.stopListen != nil {
		db.stopListen()
	}
	db.replicas.close()
	db.touches.close()
	db.batch.stop()
	db.seats.close() // after the lanes: their last commits name programs
	db.stmts.close()
	db.rstmts.close()
	err := db.checkpoints.close()
	err = errors.Join(err, db.write.Close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// Checkpoint moves the SQLite write-ahead log into the database file; a
// no-op on PostgreSQL.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.engine != SQLite {
		return nil
	}
	_, err := db.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// Backup writes a consistent copy of the embedded database to path while
// the server goes on: SQLite's VACUUM INTO reads one snapshot. The file
// must not exist. PostgreSQL is backed up with its own tools (pg_dump).
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.engine != SQLite {
		return errors.New("backup: use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// VACUUM INTO writes into an empty file: made here, readable by the
	// owner only, whatever the umask.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	f.Close()
	// The read pool is query-only, which VACUUM INTO refuses; it only
	// reads a snapshot, so the writer connection serves.
	if _, err := db.write.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// privateFiles makes the database file, and its WAL and shared-memory files
// when they are there, readable and writable by the owner only, whatever
// the umask: SQLite gives the files it adds the database file's mode. An
// installation made before keeps working and is tightened.
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return fmt.Errorf("open %s: cannot open the file: check that it exists and is readable and writable", path)
		}
		return fmt.Errorf("open %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("make %s private: %w", p, err)
		}
	}
	return nil
}
