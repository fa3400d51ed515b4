package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// lagWatcher measures how far behind the primary each replica is, in
// time, every tick.
//
// now() - pg_last_xact_replay_timestamp(), the usual measure, is wrong in
// both directions here: on a quiet primary it grows without end while the
// replica has everything, and the moment a write arrives after a quiet
// hour it says "an hour behind". So the watcher asks the primary instead
// where its WAL ends, each tick, and keeps those positions with their
// times; a replica whose replay position is short of a position the
// primary had at time t is at least now - t behind. The figure is exact
// to one tick and never counts quiet time, and a replica that has
// replayed everything the primary wrote is 0 behind.
type lagWatcher struct {
	db    *DB
	set   *replicaSet
	every time.Duration
	// marks are the primary's WAL end positions with their times, oldest
	// first, back to the oldest one some replica has not replayed yet.
	marks []walMark
}

type walMark struct {
	at  time.Time
	lsn uint64
}

func newLagWatcher(db *DB, set *replicaSet, every time.Duration) *lagWatcher {
	return &lagWatcher{db: db, set: set, every: every}
}

func (w *lagWatcher) run(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.check(ctx)
		}
	}
}

// check takes the primary's position, then each replica's.
func (w *lagWatcher) check(ctx context.Context) {
	cctx, cancel := context.WithTimeout(ctx, max(w.every, time.Second))
	defer cancel()
	var pos string
	// A primary that does not answer (it is failing over) leaves the
	// marks as they are: the replicas' lag is measured against what it
	// had written.
	if err := w.db.write.QueryRowContext(cctx, "SELECT pg_current_wal_lsn()::text").Scan(&pos); err == nil {
		if lsn, err := parseLSN(pos); err == nil {
			w.marks = append(w.marks, walMark{at: time.Now(), lsn: lsn})
		}
	}
	oldest := ^uint64(0)
	for _, r := range w.set.list {
		replay, err := w.replay(cctx, r)
		if err != nil {
			if r.up.Swap(false) {
				w.db.logger().Warn("replica is down: the primary serves the catalog", "replica", r.name, "err", err)
			}
			// Its marks are kept: when it is back, its lag is measured
			// from where it stopped, not from the newest mark.
			oldest = min(oldest, r.replayed)
			continue
		}
		r.replayed = replay
		lag := w.lagOf(replay, time.Now())
		r.lag.Store(int64(lag))
		if !r.up.Swap(true) {
			w.db.logger().Info("replica is up", "replica", r.name, "lag", lag)
		}
		oldest = min(oldest, replay)
	}
	w.forget(oldest)
}

// replay is the replica's replay position; an error when it cannot be
// asked or is not a replica any more (it was promoted).
func (w *lagWatcher) replay(ctx context.Context, r *replica) (uint64, error) {
	var recovering bool
	var pos *string
	if err := r.pool.QueryRowContext(ctx, "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text").Scan(&recovering, &pos); err != nil {
		return 0, err
	}
	if !recovering || pos == nil {
		return 0, fmt.Errorf("%s is not a streaming replica (pg_is_in_recovery is false)", r.name)
	}
	return parseLSN(*pos)
}

// lagOf is how long ago the primary first had a position the replica
// has not replayed.
func (w *lagWatcher) lagOf(replay uint64, now time.Time) time.Duration {
	for _, m := range w.marks {
		if m.lsn > replay {
			return max(now.Sub(m.at), 0)
		}
	}
	return 0
}

// forget drops the marks every replica has passed, keeping the newest so
// that there is always one to compare with.
func (w *lagWatcher) forget(replayed uint64) {
	i := 0
	for i < len(w.marks)-1 && w.marks[i].lsn <= replayed {
		i++
	}
	// A replica down for long must not grow the list without end: an
	// hour of ticks is plenty to say "far behind" (a replica short of
	// the oldest mark is at least that old behind).
	if keep := int(time.Hour / w.every); len(w.marks)-i > keep {
		i = len(w.marks) - keep
	}
	w.marks = w.marks[i:]
}

// parseLSN reads PostgreSQL's "16/B374D848".
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	if !ok {
		return 0, fmt.Errorf("bad LSN %q", s)
	}
	h, err := strconv.ParseUint(hi, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("bad LSN %q", s)
	}
	l, err := strconv.ParseUint(lo, 16, 32)
	if err != nil {
		return 0, fmt.Errorf("bad LSN %q", s)
	}
	return h<<32 | l, nil
}
