package cluster_test

import (
	"context"
	"testing"

	"navigator/internal/rush"
	"navigator/internal/store"
)

// testSeatClaim: the families apply at once through the balancer, so
// that every group is hit through all three servers: no group holds more
// than its seats, its counter agrees with its applications, and the wait
// list is in the order the database accepted the applications (the
// checks of internal/rush).
func testSeatClaim(t *testing.T, r *region) {
	ctx := context.Background()
	families := make([]int, len(r.rush.Families)-1) // the last one is the idempotency subtest's
	for i := range families {
		families[i] = i
	}
	res := rush.Fire(ctx, r.URL(), r.rush, r.cfg.Clients, families, nil)
	if res.Failed > 0 || res.Created != len(families) {
		t.Fatalf("%d created of %d, %d failed: %v", res.Created, len(families), res.Failed, res.FirstErr)
	}
	checks, err := store.Synthetic(r.db).CheckSeats(ctx, r.rush.Groups)
	if err != nil {
		t.Fatal(err)
	}
	applicants := map[int64]int{}
	for _, g := range r.rush.Target {
		applicants[g]++
	}
	held := 0
	for _, c := range checks {
		want := min(c.Capacity, applicants[c.GroupID])
		if c.SeatsTaken != want || c.Holding != want || c.Waiting != applicants[c.GroupID]-want || c.OutOfOrder != 0 {
			t.Errorf("group %d: %+v, want %d seats taken of %d applicants", c.GroupID, c, want, applicants[c.GroupID])
		}
		held += c.Holding
	}
	t.Logf("%d applications through three servers in %s (%.0f/s): %d seats held, %d waiting, %d answers 503 retried",
		res.Created, res.Elapsed.Round(1e6), res.Rate(), held, res.Created+1-held, res.Shed)
}
