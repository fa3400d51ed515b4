package store

import (
	"context"
	"fmt"
)

// The applicants of a bulk batch (lane_bulk.go), read many at once. One
// application's applicant is one query on the statement-by-statement
// path; in a batch of a hundred, binding, stepping and resetting a
// hundred statements through database/sql cost the lane more processor
// than the b-tree look-ups themselves, and the lane is one goroutine that
// every application of the rush waits on. So the bulk path reads a chunk
// of applicants with one statement: the requests are rows of a VALUES
// list, joined to the same tables for the same columns (applicantColumns)
// as applicantQuery. All of a part's reads see the database before the
// part's writes, as they did one by one, since no child repeats in a
// part. SQLite only: a subquery in FROM cannot name the request's group
// there, and one that does not would be materialized for every group, so
// the group's program is joined as a table by the request's group id.

// bulkApplicantsQuery reads n requests' applicants, each row with the
// request's place in the chunk last.
func bulkApplicantsQuery(n int) string {
	return `WITH req (k, actor, key, group_id, child_id) AS (VALUES ` + rowsOf(n, 5) + `)
	SELECT EXISTS (SELECT 1 FROM idempotency_keys WHERE actor = req.actor AND key = req.key),` + applicantColumns + `, req.k
	FROM req JOIN children c ON c.id = req.child_id JOIN site_users u ON u.id = c.site_user_id LEFT JOIN certificates s ON s.child_id = c.id
		LEFT JOIN groups rg ON rg.id = req.group_id LEFT JOIN programs gp ON gp.id = rg.program_id`
}

// applicants returns the applicants of part's applications, in
// part's order, in chunks of chunkOf statements. A child not found is
// errNotBulk: the statement-by-statement path answers it.
func (b *bulk) applicants(ctx context.Context, part []int) ([]*applicant, error) {
	out := make([]*applicant, len(part))
	for done := 0; done < len(part); {
		n := chunkOf(len(part) - done)
		args := make([]any, 0, 5*n)
		for k, i := range part[done : done+n] {
			a := b.items[i].app.n
			args = append(args, k, idempotencyActor(a.SiteUserID), a.IdempotencyKey, a.GroupID, a.ChildID)
		}
		if err := b.readApplicants(ctx, bulkApplicantsQuery(n), args, part[done:done+n], out[done:done+n]); err != nil {
			return nil, err
		}
		done += n
	}
	return out, nil
}

// readApplicants runs one chunk's query and puts each row in its
// request's place.
func (b *bulk) readApplicants(ctx context.Context, query string, args []any, part []int, out []*applicant) error {
	rows, err := b.tx.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("applicants: %w", err)
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var k int
		c, err := scanApplicant(rows, 0, &k)
		if err != nil {
			return err
		}
		if err := placeApplicant(b.items, part, out, k, c); err != nil {
			return err
		}
		found++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("applicants: %w", err)
	}
	if found < len(part) {
		return errNotBulk // a child not found
	}
	return nil
}

// placeApplicant puts c, read for the request at place k of part, into
// out[k], with the request's child: a chunk's rows come in no order.
func placeApplicant(items []*batchItem, part []int, out []*applicant, k int, c *applicant) error {
	if k < 0 || k >= len(part) || out[k] != nil {
		return fmt.Errorf("applicants: row for request %d of %d", k, len(part))
	}
	child := items[part[k]].app.n.ChildID
	c.ID = child
	if c.Certificate != nil {
		c.Certificate.ChildID = child
	}
	out[k] = c
	return nil
}
