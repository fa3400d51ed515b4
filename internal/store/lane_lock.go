package store

import (
	"context"
	"slices"
)

// Within one server a group's applications all meet in one lane, so two
// batches never wait on each other's rows. Several servers on one
// database each have their lanes: two batches from two servers may hold
// the same groups, and each took their rows in the order of its own
// callers. Then they could deadlock (each holding a group the other
// wants), and the order of the wait list could differ from the order of
// the applications' numbers: a batch that numbered its applications first
// could take its seats after another. So on PostgreSQL a batch first locks
// all its groups, in the order of their ids, before it numbers or seats
// anyone: two batches with a group in common then run one after the
// other, from their first statement to their commit, and the numbers are
// handed out in the order the seats are taken.

// lockGroupsQuery locks the groups in id order (the sort runs below the
// row locks, so the rows are locked in that order).
const lockGroupsQuery = "SELECT id FROM groups WHERE id = ANY(?) ORDER BY id FOR UPDATE"

// batchGroups are the groups the live applications of a batch apply to,
// in id order, each once.
func batchGroups(items []*batchItem, live []int) []int64 {
	var ids []int64
	for _, i := range live {
		if a := items[i].app; a != nil {
			ids = append(ids, a.n.GroupID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// lockBatchGroups takes the batch's groups in a statement-by-statement
// transaction (PostgreSQL only; SQLite has one writer anyway).
func lockBatchGroups(ctx context.Context, tx *Tx, items []*batchItem, live []int) error {
	ids := batchGroups(items, live)
	if tx.engine != Postgres || len(ids) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, lockGroupsQuery, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	return rows.Err()
}
