package store

import (
	"context"

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
	db.runBatch(items)
	for i, it := range items {
		errs = append(errs, <-it.done)
		ids = append(ids, reqs[i].id)
		statuses = append(statuses, reqs[i].status)
	}
	return ids, statuses, errs
}
