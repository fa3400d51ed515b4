package store

import (
	"context"
	"fmt"
)

// The groups of a bulk batch (lane_bulk.go), read many at once. A batch's
// transaction keeps each group it read, but a batch of two hundred
// applications to fifty groups still read fifty groups one statement at
// a time, about a twentieth of the lane's processor in the rush. The bulk
// path reads them, a chunk at a time, with the columns of groupQuery.

// bulkGroupsQuery reads n published groups, each row with its id last.
func bulkGroupsQuery(n int) string {
	return `SELECT ` + groupColumns + `, g.id` + groupFrom + ` WHERE g.id IN (` + placeholders(n) + `) AND p.status = 'published'`
}

// groups reads the groups of part's applications that the batch has not
// read yet into the transaction's groups. A group not found is left out:
// findGroupForApplication looks for it alone, and the statement-by-
// statement path answers.
func (b *bulk) groups(ctx context.Context, part []int) error {
	tx := b.tx
	var want []any
	seen := make(map[int64]bool, len(part))
	for _, i := range part {
		id := b.items[i].app.n.GroupID
		if _, ok := tx.groups[id]; ok || seen[id] {
			continue
		}
		seen[id] = true
		want = append(want, id)
	}
	for len(want) > 0 {
		n := chunkOf(len(want))
		if err := b.readGroups(ctx, bulkGroupsQuery(n), want[:n]); err != nil {
			return err
		}
		want = want[n:]
	}
	return nil
}

// readGroups runs one chunk's query.
func (b *bulk) readGroups(ctx context.Context, query string, ids []any) error {
	rows, err := b.tx.Query(ctx, query, ids...)
	if err != nil {
		return fmt.Errorf("groups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		g, err := scanGroup(rows, &id)
		if err != nil {
			return err
		}
		b.tx.groups[id] = g
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("groups: %w", err)
	}
	return nil
}
