package store

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// stmtCache keeps SQLite statements prepared on a pool. The SQLite driver
// parses every statement anew otherwise, and on the morning enrolment
// opens parsing is a fifth of the server's work. pgx caches PostgreSQL's
// statements by itself, so only SQLite uses this.
//
// A query seen for the first time runs unprepared, and a goroutine
// prepares it for next time: preparing on the spot could wait for the
// very connection the caller's transaction holds.
type stmtCache struct {
	pool      *sql.DB
	mu        sync.RWMutex
	m         map[string]*sql.Stmt
	wanted    map[string]bool
	preparing bool
	closed    bool
}

// maxCachedStmts bounds the cache: queries are constants in the code, but
// a few are built with a varying number of placeholders.
const maxCachedStmts = 512

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// get returns the prepared statement of query, or nil: the caller then
// runs the query unprepared.
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	st, wanted := c.m[query], c.wanted[query]
	c.mu.RUnlock()
	if st != nil || wanted {
		return st
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.wanted[query] || c.m[query] != nil || len(c.m)+len(c.wanted) >= maxCachedStmts {
		return c.m[query]
	}
	c.wanted[query] = true
	if !c.preparing {
		c.preparing = true
		go c.prepareWanted()
	}
	return nil
}

// prepareWanted prepares the queries met unprepared, one at a time.
func (c *stmtCache) prepareWanted() {
	for {
		c.mu.Lock()
		var q string
		for q = range c.wanted {
			break
		}
		if q == "" || c.closed {
			c.preparing = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		st, err := c.pool.PrepareContext(ctx, q)
		cancel()
		c.mu.Lock()
		delete(c.wanted, q)
		switch {
		case err != nil:
		case c.closed:
			_ = st.Close()
		default:
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for q, st := range c.m {
		_ = st.Close()
		delete(c.m, q)
	}
}
