package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"navigator"
)

// Group commit. On the morning enrolment opens thousands of parents apply
// within seconds, and a durable commit costs a disk flush. A lane runs the
// waiting requests of many callers as one transaction: a request refused
// by a rule is undone alone, and one commit — one flush — makes all the
// others durable before any of them is answered. Requests run in the
// order they entered the lane, which is the server's order of arrival.
// Most requests are either written or refused by a rule before they write
// anything, so a batch runs first without savepoints; only when a request
// fails half-way is the batch rolled back and run again with a savepoint
// around each request. A batch of applications is first tried as
// pipelines on PostgreSQL (pipe.go) and as multi-row statements on SQLite
// (bulk.go).
//
// SQLite has one writer, so it has one lane. PostgreSQL has several lanes,
// and a caller's key (the group applied to) chooses its lane: requests for
// the same group always meet in the same lane and never wait on each
// other's row locks across lanes. Lanes share no row: the programs' free
// seats, which groups of many lanes change, are recounted after the
// commits (seats.go).

// maxBatch bounds how many requests share one commit, so that one batch
// never keeps the first caller waiting long. On SQLite's one lane a batch
// of 256 applications is about 30 ms of work; at 128 the rush filled
// nearly every batch (118 a commit on average) and the lane spent a
// sixth of its time in the disk flush of its commits.
const maxBatch = 256

// batchItem is one caller's work waiting in a lane.
type batchItem struct {
	ctx  context.Context
	fn   func(context.Context, *Tx) error
	app  *appRequest // an application, which PostgreSQL can pipeline (pipe.go); nil: fn only
	done chan error
}

// batcher owns the lanes.
type batcher struct {
	lanes  []chan *batchItem
	wg     sync.WaitGroup
	mu     sync.RWMutex // held for reading while a caller queues
	closed bool

	batches, items, piped atomic.Int64 // for LaneStats
}

// LaneStats counts the lanes' work since the store opened.
type LaneStats struct {
	Batches int64 // transactions
	Items   int64 // requests in them
	Piped   int64 // batches of applications written in pipelines (PostgreSQL, pipe.go) or in bulk (SQLite, bulk.go)
}

// LaneStats returns the lanes' counts so far.
func (db *DB) LaneStats() LaneStats {
	b := db.batch
	return LaneStats{Batches: b.batches.Load(), Items: b.items.Load(), Piped: b.piped.Load()}
}

func (db *DB) startBatcher(lanes int) {
	b := &batcher{lanes: make([]chan *batchItem, lanes)}
	for i := range b.lanes {
		b.lanes[i] = make(chan *batchItem, 4*maxBatch)
		b.wg.Add(1)
		go func(lane chan *batchItem) {
			defer b.wg.Done()
			db.runLane(lane)
		}(b.lanes[i])
	}
	db.batch = b
}

// stop lets the lanes finish what is queued and ends them.
func (b *batcher) stop() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		for _, l := range b.lanes {
			close(l)
		}
	}
	b.mu.Unlock()
	b.wg.Wait()
}

// enqueue puts it into its lane, unless the store is closed.
func (b *batcher) enqueue(ctx context.Context, key int64, it *batchItem) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		return errBatcherStopped
	}
	select {
	case b.lanes[key%int64(len(b.lanes))] <- it:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// UpdateBatched runs fn in a write transaction shared with other callers
// of the same lane and returns once that transaction has committed, or
// fn's own error with its changes rolled back. fn must not start other
// transactions and must touch only what its key stands for and rows no
// other lane writes in a conflicting order.
func (db *DB) UpdateBatched(ctx context.Context, key int64, fn func(context.Context, *Tx) error) error {
	return db.updateBatched(ctx, key, &batchItem{fn: fn})
}

// updateBatched queues it in key's lane and waits for its answer.
func (db *DB) updateBatched(ctx context.Context, key int64, it *batchItem) error {
	if key < 0 {
		key = -key
	}
	it.ctx, it.done = ctx, make(chan error, 1)
	if err := db.batch.enqueue(ctx, key, it); err != nil {
		return err
	}
	// Once queued, the answer waits for the commit even if the caller gives
	// up: the request may already be durable, and the caller's retry with
	// the same idempotency key finds it.
	return <-it.done
}

func (db *DB) runLane(lane chan *batchItem) {
	var own laneConn // PostgreSQL: the connection of the lane's pipelines
	defer own.release()
	items := make([]*batchItem, 0, maxBatch)
	for first := range lane {
		items = append(items[:0], first)
	gather:
		for len(items) < maxBatch {
			select {
			case it, ok := <-lane:
				if !ok {
					break gather
				}
				items = append(items, it)
			default:
				break gather
			}
		}
		db.runBatch(&own, items)
	}
}

// runBatch runs the items in one transaction and answers each.
func (db *DB) runBatch(own *laneConn, items []*batchItem) {
	results := make([]error, len(items))
	defer func() {
		for i, it := range items {
			it.done <- results[i]
		}
	}()
	// The batch's work must not be cut short by one caller leaving. Its
	// context has no deadline on purpose: the SQLite driver watches every
	// statement of a cancellable context with a goroutine, and waiting for
	// a lock is bounded by the busy timeout anyway.
	ctx := context.Background()
	var live []int
	for i, it := range items {
		if err := it.ctx.Err(); err != nil {
			results[i] = err // gave up before its turn: nothing was done
			continue
		}
		live = append(live, i)
	}
	if len(live) == 0 {
		return
	}
	db.batch.batches.Add(1)
	db.batch.items.Add(int64(len(live)))
	if db.engine == Postgres && db.runPiped(ctx, own, items, live, results) {
		db.batch.piped.Add(1)
		return
	}
	if db.engine == SQLite && db.runBulk(ctx, items, live, results) {
		db.batch.piped.Add(1)
		return
	}
	if db.runFast(ctx, items, live, results) {
		return
	}
	for _, i := range live {
		results[i] = nil
	}
	db.runSafe(ctx, items, live, results)
}

// runFast runs the items one after another in one transaction without
// savepoints: a request refused by a rule before it wrote anything needs
// nothing undone. It reports false, with the transaction rolled back, when
// a request failed after writing or the database refused a statement —
// then runSafe does the batch again, each request in its savepoint.
func (db *DB) runFast(ctx context.Context, items []*batchItem, live []int, results []error) bool {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false
	}
	tx := db.batchTx(sqlTx)
	if err := lockBatchGroups(ctx, tx, items, live); err != nil {
		_ = sqlTx.Rollback()
		return false
	}
	for _, i := range live {
		before := tx.writes
		err := items[i].fn(ctx, tx)
		if err != nil {
			if tx.writes != before || !refusedByRule(err) {
				_ = sqlTx.Rollback()
				return false
			}
			results[i] = err
			continue
		}
	}
	db.commitBatch(tx, live, results)
	return true
}

// batchTx is a lane's transaction: what the rules read of a group is
// kept for the length of the batch.
func (db *DB) batchTx(sqlTx *sql.Tx) *Tx {
	return &Tx{tx: sqlTx, engine: db.engine, now: db.Now(), keys: db.keys, stmts: db.stmts, groups: map[int64]*groupForApplication{}}
}

// commitBatch commits a batch's transaction and has the free seats of
// the programs it moved recounted. The outcome of a failed commit is
// unknown to the callers; each one not refused hears the error, and a
// retry with its key finds what was kept.
func (db *DB) commitBatch(tx *Tx, live []int, results []error) {
	err := tx.tx.Commit()
	db.seats.changed(tx.moved) // a recount is right even if nothing was kept
	if err == nil {
		return
	}
	err = fmt.Errorf("commit: %w", mapError(err))
	for _, i := range live {
		if results[i] == nil {
			results[i] = err
		}
	}
}

// refusedByRule tells a rule's refusal, which leaves the transaction
// usable, from a failure of the database.
func refusedByRule(err error) bool {
	var e *navigator.Error
	return errors.As(err, &e) && e.Kind != navigator.KindInternal && e.Err == nil
}

// runSafe runs the items in one transaction, each in its own savepoint,
// so that one failing request is rolled back alone.
func (db *DB) runSafe(ctx context.Context, items []*batchItem, live []int, results []error) {
	fail := func(err error) {
		for _, i := range live {
			if results[i] == nil {
				results[i] = err
			}
		}
	}
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		fail(fmt.Errorf("begin: %w", err))
		return
	}
	tx := &Tx{tx: sqlTx, engine: db.engine, now: db.Now(), keys: db.keys, stmts: db.stmts}
	if err := lockBatchGroups(ctx, tx, items, live); err != nil {
		_ = sqlTx.Rollback()
		fail(fmt.Errorf("lock groups: %w", mapError(err)))
		return
	}
	ok := make([]bool, len(items))
	for _, i := range live {
		if _, err := tx.Exec(ctx, "SAVEPOINT item"); err != nil {
			_ = sqlTx.Rollback()
			fail(fmt.Errorf("savepoint: %w", err))
			return
		}
		if err := items[i].fn(ctx, tx); err != nil {
			results[i] = err
			if _, rerr := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT item"); rerr != nil {
				_ = sqlTx.Rollback()
				fail(fmt.Errorf("rollback to savepoint: %w", rerr))
				return
			}
		} else {
			ok[i] = true
		}
		if _, err := tx.Exec(ctx, "RELEASE SAVEPOINT item"); err != nil {
			_ = sqlTx.Rollback()
			fail(fmt.Errorf("release savepoint: %w", err))
			return
		}
	}
	err = sqlTx.Commit()
	db.seats.changed(tx.moved) // a program named by a request rolled back alone is recounted all the same
	if err != nil {
		err = fmt.Errorf("commit: %w", mapError(err))
		for i := range items {
			if ok[i] {
				results[i] = err
			}
		}
	}
}

// errBatcherStopped answers callers after Close.
var errBatcherStopped = errors.New("store: closed")
