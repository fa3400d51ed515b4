package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"navigator"
)

// Read replicas serve the public catalog: the program list, the program
// page, search and the home page, read by people who are not signed in.
//
// What a person has just written is read back from the primary, and the
// rule that makes it so is the simplest one that holds: a replica is used
// only when the caller marked the context with ReplicaOK, and the server
// marks only GET and HEAD requests without a session. Everything a person
// writes needs a session (applications, programs, sign-up's own
// confirmation) or is the request itself (a POST), so whoever has written
// anything reads from the primary from then on, on every server, without
// the servers sharing any state about who wrote what. An anonymous visitor
// sees the catalog at most --db-replica-max-lag behind, which the page
// cache already allows for; the seat is claimed on the primary whatever
// the page showed. Tracking each person's last write position (LSN)
// instead would keep signed-in parents' catalog reads on the replica too,
// at the price of a position carried in a cookie and checked against
// pg_last_wal_replay_lsn() before each read.

// replicaKey marks a context whose catalog reads may be served by a
// replica.
type replicaKey struct{}

// ReplicaOK marks ctx: its catalog reads may come from a replica that is
// up to the lag bound behind. Only for reads of someone who has written
// nothing (see above).
func ReplicaOK(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaKey{}, true)
}

func replicaAllowed(ctx context.Context) bool {
	ok, _ := ctx.Value(replicaKey{}).(bool)
	return ok
}

// replica is one streaming replica and what the lag watcher knows of it.
type replica struct {
	name  string // host:port, for /metrics and the log; no credentials
	pool  *sql.DB
	up    atomic.Bool
	lag   atomic.Int64 // nanoseconds behind the primary, at the last check
	reads atomic.Int64 // catalog reads it served
	fails atomic.Int64 // reads it failed, served again by the primary
	// replayed is its replay position at the last check that reached
	// it; only the lag watcher's goroutine touches it.
	replayed uint64
}

// replicaSet is the store's replicas; nil when there are none.
type replicaSet struct {
	list         []*replica
	maxLag       time.Duration
	next         atomic.Uint64 // round robin among the usable ones
	primaryReads atomic.Int64  // catalog reads the primary served
	stop         func()
}

// ReplicaStat is what /metrics shows of a replica.
type ReplicaStat struct {
	Name  string
	Up    bool          // answered the last check and is in recovery
	Lag   time.Duration // behind the primary at the last check
	Used  bool          // up and within the bound: catalog reads go to it
	Reads int64         // catalog reads it served
	Fails int64         // its reads that failed and went to the primary
}

// ReplicaOptions are how the replicas are watched.
type ReplicaOptions struct {
	MaxLag time.Duration // a replica further behind is skipped; 0: 2 s
	Every  time.Duration // how often the lag is measured; 0: 250 ms
}

// UseReplicas connects the streaming replicas at urls and starts
// measuring their lag. Only PostgreSQL has replicas: on SQLite it is an
// error, not a silently ignored flag. A replica that cannot be reached
// now is not an error: it is skipped until it answers.
func (db *DB) UseReplicas(ctx context.Context, urls []string, o ReplicaOptions) error {
	if len(urls) == 0 {
		return nil
	}
	if db.engine != Postgres {
		return errors.New("--db-replica needs PostgreSQL: SQLite has no replicas")
	}
	if db.replicas != nil {
		return errors.New("replicas already in use")
	}
	if o.MaxLag <= 0 {
		o.MaxLag = 2 * time.Second
	}
	if o.Every <= 0 {
		o.Every = 250 * time.Millisecond
	}
	set := &replicaSet{maxLag: o.MaxLag}
	for _, u := range urls {
		if !strings.HasPrefix(u, "postgres://") && !strings.HasPrefix(u, "postgresql://") {
			set.close()
			return fmt.Errorf("replica %q: use postgres://USER@HOST/DB", replicaName(u))
		}
		pool, err := sql.Open("pgx", u)
		if err != nil {
			set.close()
			return fmt.Errorf("replica %s: %w", replicaName(u), err)
		}
		pool.SetMaxOpenConns(16)
		pool.SetMaxIdleConns(16)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		set.list = append(set.list, &replica{name: replicaName(u), pool: pool})
	}
	db.replicas = set
	w := newLagWatcher(db, set, o.Every)
	w.check(ctx) // the first reads already know which replicas are usable
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() { defer close(done); w.run(wctx) }()
	set.stop = func() { cancel(); <-done }
	return nil
}

// replicaName is the host and port of a URL, never its password.
func replicaName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "replica"
	}
	return u.Host
}

// pick returns the next usable replica, or nil: none is up and close
// enough, or ctx does not allow one.
func (s *replicaSet) pick(ctx context.Context) *replica {
	if s == nil || !replicaAllowed(ctx) {
		return nil
	}
	n := uint64(len(s.list))
	start := s.next.Add(1)
	for i := range n {
		r := s.list[(start+i)%n]
		if r.usable(s.maxLag) {
			return r
		}
	}
	return nil
}

func (r *replica) usable(maxLag time.Duration) bool {
	return r.up.Load() && time.Duration(r.lag.Load()) <= maxLag
}

func (s *replicaSet) close() {
	if s == nil {
		return
	}
	if s.stop != nil {
		s.stop()
	}
	for _, r := range s.list {
		r.pool.Close()
	}
}

// viewCatalog runs a read-only transaction of the public catalog on a
// replica when ctx allows one and one is usable, else on the primary. A
// replica that fails the read (it went down between two checks, or
// cancelled the query for a conflict with recovery) is marked down and
// the primary answers, so a visitor never sees a replica's failure.
func (db *DB) viewCatalog(ctx context.Context, fn func(*Tx) error) error {
	set := db.replicas
	if r := set.pick(ctx); r != nil {
		err := db.run(ctx, r.pool, &sql.TxOptions{ReadOnly: true}, fn)
		if err == nil || navigator.ErrorKind(err) != navigator.KindInternal || ctx.Err() != nil {
			r.reads.Add(1)
			return err
		}
		r.fails.Add(1)
		r.up.Store(false) // until the watcher sees it answer again
		db.logger().Warn("replica failed a catalog read; the primary serves it", "replica", r.name, "err", err)
	}
	if set != nil {
		set.primaryReads.Add(1)
	}
	return db.View(ctx, fn)
}

// ReplicaStats are the replicas as the lag watcher last saw them, and
// the catalog reads the primary served; nil without replicas.
func (db *DB) ReplicaStats() (stats []ReplicaStat, primaryReads int64) {
	set := db.replicas
	if set == nil {
		return nil, 0
	}
	for _, r := range set.list {
		stats = append(stats, ReplicaStat{Name: r.name, Up: r.up.Load(), Lag: time.Duration(r.lag.Load()),
			Used: r.usable(set.maxLag), Reads: r.reads.Load(), Fails: r.fails.Load()})
	}
	return stats, set.primaryReads.Load()
}
