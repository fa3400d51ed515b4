package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Checkpoints of SQLite's write-ahead log. Left to itself, SQLite
// checkpoints in the commit that takes the log past a thousand pages: the
// one writer then copies pages into the database file and flushes it
// before it answers, so on the morning of the rush the lane, which every
// application waits for, stops for that work every few batches. Instead
// the writer checkpoints only as a backstop (walBackstopPages), and a
// checkpointer of its own, on its own connection, copies the log every
// checkpointEvery. Its checkpoints are PASSIVE: they copy what no reader
// still needs and never make the writer or a reader wait, so they run on
// the other core while the lane goes on.

// checkpointEvery is how often the checkpointer copies the log.
const checkpointEvery = time.Second

// walBackstopPages is the log's length at which the writer checkpoints
// itself, should the checkpointer fall behind: about 40 MB of log.
const walBackstopPages = 10000

// checkpointer copies the log into the database file in the background.
type checkpointer struct {
	conn *sql.DB
	*flusher
}

// startCheckpoints starts the checkpointer of a SQLite store on conn,
// which it owns.
func (db *DB) startCheckpoints(conn *sql.DB) {
	c := &checkpointer{conn: conn}
	c.flusher = startFlusher(checkpointEvery, func(ctx context.Context) error {
		_, _, err := c.checkpoint(ctx)
		return err
	})
	db.checkpoints = c
}

// checkpoint copies what it can of the log; it tells how many pages the
// log holds and how many of them are now in the database file.
func (c *checkpointer) checkpoint(ctx context.Context) (logPages, copied int, err error) {
	var busy int
	if err := c.conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logPages, &copied); err != nil {
		return 0, 0, fmt.Errorf("checkpoint: %w", err)
	}
	return logPages, copied, nil
}

// close runs a last checkpoint and closes the checkpointer's connection.
func (c *checkpointer) close() error {
	if c == nil {
		return nil
	}
	c.flusher.close()
	return c.conn.Close()
}
