package store

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// On PostgreSQL several servers share the sessions, so each keeps its
// session cache only while it listens to the others' evictions: a
// connection of its own LISTENs on sessionChannel. Until it listens, and
// from the moment it stops, nothing is kept and every request asks the
// database, as before there was a cache.
//
// A connection can die without a word (a cable, a firewall's idle
// timeout). So every sessionPing the server notifies a ping through the
// pool, and a listener that has heard nothing for three pings is taken
// for dead: the cache is emptied and turned off, and a new connection is
// made.

// sessionChannel is the channel of session evictions.
const sessionChannel = "navigator_sessions"

// sessionPing is how often the server proves its listener hears.
const sessionPing = 5 * time.Second

// UseLogger gives the store a logger for what goes wrong in its
// background work; until then it says nothing.
func (db *DB) UseLogger(l *slog.Logger) { db.log.Store(l) }

func (db *DB) logger() *slog.Logger {
	if l := db.log.Load(); l != nil {
		return l
	}
	return slog.New(slog.DiscardHandler)
}

// startSessions starts the session cache: on SQLite it keeps answers at
// once, on PostgreSQL once its listener listens.
func (db *DB) startSessions() {
	db.sessions = newSessionCache(db.engine != Postgres)
	if db.engine != Postgres {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	db.stopListen = func() { cancel(); <-done }
	go db.listenSessions(ctx, done)
}

// listenSessions keeps a listener until ctx ends.
func (db *DB) listenSessions(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		heard, err := db.listenOnce(ctx)
		db.sessions.setLive(false)
		if ctx.Err() != nil {
			return
		}
		db.logger().Warn("session listener stopped; sessions are read from the database until it is back", "err", err)
		if heard {
			wait = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// listenOnce listens on one connection until it fails or goes quiet; it
// says whether it heard anything.
func (db *DB) listenOnce(ctx context.Context) (bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	conn, err := pgx.Connect(ctx, db.url)
	if err != nil {
		return false, fmt.Errorf("connect: %w", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+sessionChannel); err != nil {
		return false, fmt.Errorf("listen: %w", err)
	}
	var last atomic.Int64 // when the listener last heard, in Unix nanoseconds
	last.Store(time.Now().UnixNano())
	go db.pingSessions(ctx, cancel, &last)
	db.sessions.setLive(true)
	heard := false
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return heard, fmt.Errorf("wait: %w", err)
		}
		heard = true
		last.Store(time.Now().UnixNano())
		if strings.HasPrefix(n.Payload, "ping") {
			continue
		}
		db.sessions.evict(parseSessionChange(n.Payload))
	}
}

// pingSessions notifies a ping every sessionPing and stops the listener
// (cancel) when it has not heard for three of them.
func (db *DB) pingSessions(ctx context.Context, stop context.CancelFunc, last *atomic.Int64) {
	t := time.NewTicker(sessionPing)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if time.Since(time.Unix(0, last.Load())) > 3*sessionPing {
			stop()
			return
		}
		pctx, cancel := context.WithTimeout(ctx, sessionPing)
		_, err := db.write.ExecContext(pctx, "SELECT pg_notify($1, 'ping')", sessionChannel)
		cancel()
		if err != nil && ctx.Err() == nil {
			db.logger().Warn("session listener: ping", "err", err)
		}
	}
}
