package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"navigator"
)

// Every request of a signed-in person asks who holds its session
// (SessionActor): on the morning of enrolment that query, a join of
// sessions, accounts and organizations, was the rush's largest single
// cost, as many as the applications themselves. So the store keeps what it
// read of a session in memory for at most sessionCacheFor.
//
// Logging out, disabling an account, a new password and a change of a
// parent's municipality must still take effect at once. Each transaction
// that ends sessions or changes what an actor is made of names what it
// changed (Tx.sessionsChanged); after its commit the entries are evicted
// here, and on PostgreSQL the same names reach every other server through
// NOTIFY in the same transaction (session_listen.go). A look-up that ran
// while an eviction happened is not kept: the cache's generation moved
// under it, and what it read may be from before the commit.
//
// The cache only ever answers yes. A session it holds that looks expired
// or idle is asked of the database again, which alone ends sessions.

// sessionCacheFor bounds how long a session's answer is kept: a backstop
// for a change made behind the store's back (raw SQL by hand, another
// process on the SQLite file). It is long enough for a parent who opened
// the page at five to eight and applies at eight. Across servers a kept
// last_seen_at may be this old; the cache never ends a session on it,
// the database does.
const sessionCacheFor = 5 * time.Minute

// sessionCacheMax bounds the entries: far more than the sessions of one
// morning's rush on one server.
const sessionCacheMax = 200_000

// sessionCache is what the store read lately of live sessions.
type sessionCache struct {
	mu      sync.Mutex
	gen     uint64 // moves at every eviction
	live    bool   // false: nothing is kept (PostgreSQL: not listening)
	entries map[string]*sessionEntry
}

type sessionEntry struct {
	s  navigator.Session
	a  navigator.Actor
	at time.Time // when it was read from the database
}

func newSessionCache(live bool) *sessionCache {
	return &sessionCache{live: live, entries: map[string]*sessionEntry{}}
}

// get returns the session's answer if one is kept and fresh.
func (c *sessionCache) get(id string, now time.Time) (navigator.Session, navigator.Actor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[id]
	if e == nil || !c.live || now.Sub(e.at) >= sessionCacheFor || now.Before(e.at) {
		return navigator.Session{}, navigator.Anonymous, false
	}
	return e.s, e.a, true
}

// begin returns the generation a look-up starts in; put keeps its answer
// only if no eviction came between.
func (c *sessionCache) begin() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps what a look-up that began in generation gen read at now.
func (c *sessionCache) put(gen uint64, s navigator.Session, a navigator.Actor, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || gen != c.gen {
		return
	}
	if len(c.entries) >= sessionCacheMax {
		c.shed(now)
	}
	c.entries[s.ID] = &sessionEntry{s: s, a: a, at: now}
}

// shed drops the stale entries, and if that is not enough about a tenth
// of the rest (in Go's map order, which is as good as random here).
func (c *sessionCache) shed(now time.Time) {
	for id, e := range c.entries {
		if now.Sub(e.at) >= sessionCacheFor {
			delete(c.entries, id)
		}
	}
	drop := len(c.entries) - sessionCacheMax*9/10
	for id := range c.entries {
		if drop <= 0 {
			break
		}
		delete(c.entries, id)
		drop--
	}
}

// touch records a mark of last_seen_at in a kept entry.
func (c *sessionCache) touch(id string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[id]; e != nil && at.After(e.s.LastSeenAt) {
		e.s.LastSeenAt = at
	}
}

// evict forgets what the changes name.
func (c *sessionCache) evict(changes ...sessionChange) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, ch := range changes {
		switch {
		case ch.all:
			clear(c.entries)
		case ch.session != "":
			delete(c.entries, ch.session)
		default:
			for id, e := range c.entries {
				if e.s.SubjectID == ch.subject && (e.s.Role == navigator.RoleParent) == ch.parent {
					delete(c.entries, id)
				}
			}
		}
	}
}

// setLive turns keeping on or off, forgetting everything either way.
func (c *sessionCache) setLive(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.live = live
	clear(c.entries)
}

// sessionChange names sessions whose answer may have changed: one
// session, every session of a parent or of a staff member, or all.
type sessionChange struct {
	session string
	parent  bool
	subject int64
	all     bool
}

func sessionEnded(id string) sessionChange { return sessionChange{session: id} }

func parentChanged(id int64) sessionChange { return sessionChange{parent: true, subject: id} }

func staffChanged(id int64) sessionChange { return sessionChange{subject: id} }

// String is the change as a notification's payload: "s ID", "p ID",
// "t ID" or "*".
func (ch sessionChange) String() string {
	switch {
	case ch.all:
		return "*"
	case ch.session != "":
		return "s " + ch.session
	case ch.parent:
		return "p " + strconv.FormatInt(ch.subject, 10)
	default:
		return "t " + strconv.FormatInt(ch.subject, 10)
	}
}

// parseSessionChange reads a payload of String. What it cannot read
// evicts everything: a payload from a newer server is never ignored.
func parseSessionChange(p string) sessionChange {
	kind, rest, _ := strings.Cut(p, " ")
	switch kind {
	case "s":
		if rest != "" {
			return sessionEnded(rest)
		}
	case "p", "t":
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil {
			return sessionChange{parent: kind == "p", subject: id}
		}
	}
	return sessionChange{all: true}
}

// sessionsChanged records, in a transaction, that it ends sessions or
// changes who holds them: this server evicts them after the commit, and on
// PostgreSQL the commit notifies the others.
func (tx *Tx) sessionsChanged(ctx context.Context, ch sessionChange) error {
	tx.changed = append(tx.changed, ch)
	if tx.engine != Postgres {
		return nil
	}
	_, err := tx.Exec(ctx, "SELECT pg_notify('"+sessionChannel+"', ?)", ch.String())
	return err
}
