package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/stdlib"
)

// laneConn is the connection a PostgreSQL lane keeps for its pipelines,
// from its first batch until the store closes, set up so that the
// lane's statements always use their indexes.
//
// PostgreSQL keeps a prepared statement's generic plan for as long as
// the connection lives, and makes it from the tables as they are at the
// time. A plan made while the applications and the idempotency keys were
// nearly empty — the morning a new region opens enrolment, or each run
// of the rush's benchmark, which starts from empty tables — reads them
// whole, and goes on reading them whole as thousands of rows arrive:
// a parent's checks went from 0.05 ms to 4 ms each, and a batch of 128
// from 10 ms to half a second. Autovacuum's analyze would have the plans
// made again, but a minute later, and that minute is the rush. Every
// statement of a pipeline looks rows up by a key, so the lane's
// connection tells the planner never to choose a sequential scan where
// an index serves.
//
// Keeping the connection also spares each batch a pool checkout and
// keeps its server process's caches warm.
type laneConn struct{ conn *sql.Conn }

// get returns the lane's connection, taking one from pool the first time
// or after the last one broke.
func (l *laneConn) get(ctx context.Context, pool *sql.DB) (*sql.Conn, error) {
	if l.conn != nil {
		return l.conn, nil
	}
	c, err := pool.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lane connection: %w", err)
	}
	if err := setSession(ctx, c, "SET enable_seqscan = off"); err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("lane connection: %w", err)
	}
	l.conn = c
	return c, nil
}

// release gives the connection back to the pool as the pool's other
// connections are; the pool drops it if it broke.
func (l *laneConn) release() {
	if l.conn == nil {
		return
	}
	_ = setSession(context.Background(), l.conn, "RESET enable_seqscan") // fails harmlessly on a broken one
	_ = l.conn.Close()
	l.conn = nil
}

// setSession runs a SET or RESET on c, in the simple protocol: such a
// statement is not worth a prepared statement of its own.
func setSession(ctx context.Context, c *sql.Conn, stmt string) error {
	return c.Raw(func(driverConn any) error {
		pc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection but %T", driverConn)
		}
		_, err := pc.Conn().PgConn().Exec(ctx, stmt).ReadAll()
		return err
	})
}
