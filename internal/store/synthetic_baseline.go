package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// The engine's own commit rates, the baselines of the enrolment rush.
// Both commit the seat update of an application and nothing else, so the
// rush's ratio to them says how much of the disk's and the engine's
// commit capacity the whole application path turns into applications.

// CommitRate measures the engine's rate of minimal seat-claim
// transactions, one after another on one connection for d. The group's
// counter is put back afterwards.
func (sr SyntheticRegion) CommitRate(ctx context.Context, groupID int64, d time.Duration) (float64, error) {
	return sr.SpreadRate(ctx, []int64{groupID}, d)
}

// SpreadRate measures the rate of minimal seat-claim transactions
// committed by one worker per group at once, for d: each worker updates
// only its own group's row, so the workers never wait on each other's
// row locks and the figure is what the engine's commits allow at that
// concurrency (PostgreSQL flushes many waiting commits at once; SQLite
// has one writer, so on it this is the one-connection rate again). The
// groups' counters are put back afterwards.
func (sr SyntheticRegion) SpreadRate(ctx context.Context, groupIDs []int64, d time.Duration) (float64, error) {
	db := sr.db
	before := make([]int, len(groupIDs))
	for i, g := range groupIDs {
		if err := db.queryRow(ctx, "SELECT seats_taken FROM groups WHERE id = ?", g).Scan(&before[i]); err != nil {
			return 0, fmt.Errorf("commit rate: group %d: %w", g, err)
		}
	}
	counts := make([]int, len(groupIDs))
	errs := make([]error, len(groupIDs))
	var wg sync.WaitGroup
	start := time.Now()
	for i, g := range groupIDs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i], errs[i] = sr.seatCommits(ctx, g, start.Add(d))
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	n := 0
	for i := range groupIDs {
		if errs[i] != nil {
			return 0, fmt.Errorf("commit rate: %w", errs[i])
		}
		n += counts[i]
	}
	return float64(n) / elapsed.Seconds(), db.Update(ctx, func(tx *Tx) error {
		for i, g := range groupIDs {
			if _, err := tx.Exec(ctx, "UPDATE groups SET seats_taken = ? WHERE id = ?", before[i], g); err != nil {
				return err
			}
		}
		return nil
	})
}

// seatCommits commits one seat update of group after another until end
// and returns how many it committed.
func (sr SyntheticRegion) seatCommits(ctx context.Context, group int64, end time.Time) (int, error) {
	n := 0
	for time.Now().Before(end) {
		if err := sr.db.Update(ctx, func(tx *Tx) error {
			_, err := tx.Exec(ctx, `UPDATE groups SET seats_taken = CASE WHEN seats_taken < capacity THEN seats_taken + 1 ELSE seats_taken - 1 END WHERE id = ?`, group)
			return err
		}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
