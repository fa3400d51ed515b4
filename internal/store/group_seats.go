package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// The free seats the catalog shows for a program (programs.seats_left) are
// derived from its groups, whose own counters are the seat claim. Written
// in every application's transaction, that one row of a popular program
// would be locked by every lane until its commit, and the lanes would
// take turns on it. So a transaction that changed a group's seats names
// the program after it commits, and the program is recounted from its
// groups within seatsFlush, in its own short transaction. A recount is
// exact whenever it runs, so a program named twice, or a recount lost in a
// crash (the hourly job recounts every program), does no harm: the catalog
// is at most seatsFlush late, and the seat claim itself never is.

// seatsFlush is how late the catalog's free seats may be.
const seatsFlush = 500 * time.Millisecond

// seatRecounts are the programs waiting to be recounted.
type seatRecounts struct {
	mu      sync.Mutex
	pending map[int64]bool
	*flusher
}

func (db *DB) startSeatRecounts() {
	db.seats = &seatRecounts{pending: map[int64]bool{}}
	db.seats.flusher = startFlusher(seatsFlush, db.recountPending)
}

// changed names programs whose groups' seats a committed transaction
// changed.
func (r *seatRecounts) changed(programs map[int64]bool) {
	if len(programs) == 0 {
		return
	}
	r.mu.Lock()
	maps.Copy(r.pending, programs)
	r.mu.Unlock()
}

// recountPending recounts the programs named so far, in ascending order,
// in one transaction.
func (db *DB) recountPending(ctx context.Context) error {
	r := db.seats
	r.mu.Lock()
	pending := r.pending
	r.pending = map[int64]bool{}
	r.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(pending))
	err := db.Update(ctx, func(tx *Tx) error {
		for _, id := range ids {
			if err := refreshSeats(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.changed(pending)
		return fmt.Errorf("recount free seats: %w", err)
	}
	return nil
}

// RecountFreeSeats recounts the free seats of every program whose count
// is off, and returns how many were: the hourly check behind the
// recounts after each commit.
func (db *DB) RecountFreeSeats(ctx context.Context) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE programs SET seats_left = `+programFreeSeats+`
			WHERE seats_left <> `+programFreeSeats)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("recount free seats: %w", err)
	}
	return n, nil
}
