package store

import (
	"context"
	"database/sql"
	"strings"

	"navigator"
)

// ApplyTogether runs the applications as one batch of a lane, in their
// order, as when they arrive at the same moment. Tests of the rules that
// span a batch use it: which batch a request joins is otherwise up to
// timing.
func (db *DB) ApplyTogether(ctx context.Context, ns []NewApplication) (ids []int64, statuses []navigator.ApplicationStatus, errs []error) {
	items := make([]*batchItem, len(ns))
	reqs := make([]*appRequest, len(ns))
	for i, n := range ns {
		items[i], reqs[i] = applicationItem(n)
		items[i].ctx, items[i].done = ctx, make(chan error, 1)
	}
	var own laneConn
	defer own.release()
	db.runBatch(&own, items)
	for i, it := range items {
		errs = append(errs, <-it.done)
		ids = append(ids, reqs[i].id)
		statuses = append(statuses, reqs[i].status)
	}
	return ids, statuses, errs
}

// LanePlans explains the pipelines' read of applicants
// (pipedApplicantsQuery, for one application) as a lane's connection and
// as any other connection of the pool plan it, for a child, a group and
// an idempotency key.
func (db *DB) LanePlans(ctx context.Context, n NewApplication) (lane, pool string, err error) {
	explain := func(c *sql.Conn) (string, error) {
		rows, err := c.QueryContext(ctx, "EXPLAIN "+rebind(Postgres, pipedApplicantsQuery),
			[]int32{0}, []string{idempotencyActor(n.SiteUserID)}, []string{n.IdempotencyKey}, []int64{n.GroupID}, []int64{n.ChildID})
		if err != nil {
			return "", err
		}
		defer rows.Close()
		var plan strings.Builder
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return "", err
			}
			plan.WriteString(line + "\n")
		}
		return plan.String(), rows.Err()
	}
	var own laneConn
	defer own.release()
	c, err := own.get(ctx, db.write)
	if err != nil {
		return "", "", err
	}
	if lane, err = explain(c); err != nil {
		return "", "", err
	}
	other, err := db.write.Conn(ctx)
	if err != nil {
		return "", "", err
	}
	defer other.Close()
	pool, err = explain(other)
	return lane, pool, err
}

// SessionKept reports whether the store keeps the session's answer in
// memory now.
func SessionKept(db *DB, id string) bool {
	_, _, ok := db.sessions.get(id, db.Now())
	return ok
}

// BulkApplicantsPlan is SQLite's plan of the bulk path's read of n
// applicants (lane_bulk_applicants.go), one line per step.
func (db *DB) BulkApplicantsPlan(ctx context.Context, n int) (string, error) {
	args := make([]any, 0, 5*n)
	for k := range n {
		args = append(args, k, "parent:1", "key", 1, k+1)
	}
	rows, err := db.write.QueryContext(ctx, "EXPLAIN QUERY PLAN "+bulkApplicantsQuery(n), args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		plan.WriteString(detail + "\n")
	}
	return plan.String(), rows.Err()
}
