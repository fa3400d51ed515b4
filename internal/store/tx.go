package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"navigator/internal/secret"
)

// Tx is a transaction that speaks the store's SQL: queries are written with
// ? placeholders and rebound for PostgreSQL.
type Tx struct {
	tx     *sql.Tx
	engine Engine
	now    time.Time    // one instant for everything the transaction writes
	stmts  *stmtCache   // prepared statements of the connection; nil: none
	keys   *secret.Keys // seal the letters the transaction queues

	// moved names the programs whose groups' seats the transaction
	// changed: they are recounted after the commit (seats.go).
	moved map[int64]bool
	// changed names the sessions whose answer the transaction changed:
	// they are evicted from the session cache after the commit.
	changed []sessionChange
	// writes counts the statements that may have changed something, so a
	// batch knows whether a refused request left anything to undo.
	writes int
	// groups caches what the rules read of a group for the length of one
	// batch, which is one transaction (nil: no cache).
	groups map[int64]*groupForApplication
}

// wrote records a statement that may have changed rows.
func (tx *Tx) wrote() { tx.writes++ }

// seatsMoved records that seats of a program's group were taken or freed.
func (tx *Tx) seatsMoved(programID int64) {
	if tx.moved == nil {
		tx.moved = map[int64]bool{}
	}
	tx.moved[programID] = true
}

// Now returns the transaction's instant.
func (tx *Tx) Now() time.Time { return tx.now }

// Exec runs a statement.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	tx.writes++
	if st := tx.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.tx.ExecContext(ctx, rebind(tx.engine, query), args...)
}

// prepared returns the cached statement of query bound to the
// transaction, or nil.
func (tx *Tx) prepared(ctx context.Context, query string) *sql.Stmt {
	st := tx.stmts.get(query)
	if st == nil {
		return nil
	}
	return tx.tx.StmtContext(ctx, st)
}

// Query runs a query.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.tx.QueryContext(ctx, rebind(tx.engine, query), args...)
}

// QueryRow runs a query for one row.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, rebind(tx.engine, query), args...)
}

// InsertID runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) InsertID(ctx context.Context, query string, args ...any) (int64, error) {
	tx.writes++
	var id int64
	err := tx.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// queryRow runs a one-row query outside a transaction.
//
// On SQLite the look-up is not cancelled with the request: the driver
// would watch it with a goroutine, and it takes microseconds.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if db.engine == SQLite {
		ctx = context.WithoutCancel(ctx)
	}
	if st := db.rstmts.get(query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.read.QueryRowContext(ctx, rebind(db.engine, query), args...)
}

// Update runs a write transaction: fn's changes are committed together or
// not at all.
func (db *DB) Update(ctx context.Context, fn func(*Tx) error) error {
	return db.run(ctx, db.write, nil, fn)
}

// View runs a read-only transaction: every query in fn sees one snapshot.
func (db *DB) View(ctx context.Context, fn func(*Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == SQLite {
		opts = nil // the read pool is query-only; SQLite has no read-only BEGIN
	}
	return db.run(ctx, db.read, opts, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) error {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, engine: db.engine, now: db.Now(), keys: db.keys}
	if pool == db.write {
		tx.stmts = db.stmts
	} else {
		tx.stmts = db.rstmts
	}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	err = sqlTx.Commit()
	if len(tx.changed) > 0 {
		db.sessions.evict(tx.changed...) // a failed commit may have landed
	}
	if err != nil {
		return fmt.Errorf("commit: %w", mapError(err))
	}
	db.seats.changed(tx.moved)
	return nil
}

// rebind turns ? placeholders into $1, $2, … for PostgreSQL, leaving
// question marks inside string literals alone.
func rebind(engine Engine, query string) string {
	if engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n, inString := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inString = !inString
			b.WriteByte(c)
		case c == '?' && !inString:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// ids runs a query of one integer column and returns the values.
func (tx *Tx) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
