package rush_test

import (
	"context"
	"testing"
	"time"

	"navigator/internal/rush"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestSpreadBaseline: the spread baseline commits from one worker per
// group of its own, outside the rush, and leaves every counter as it
// found it, so the rush that follows starts from the region as built.
func TestSpreadBaseline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r, _ := build(t, db, rush.Config{Families: 20, Groups: 2, Clients: 4, Seats: 5})
		if len(r.Spread) != rush.SpreadWorkers || r.Spread[0] != r.Baseline {
			t.Fatalf("spread groups %v, baseline %d", r.Spread, r.Baseline)
		}
		for _, g := range r.Spread {
			for _, own := range r.Groups {
				if g == own {
					t.Fatalf("spread group %d is a group of the rush", g)
				}
			}
		}
		rate, err := store.Synthetic(db).SpreadRate(ctx, r.Spread, 200*time.Millisecond)
		if err != nil || rate <= 0 {
			t.Fatalf("rate %v: %v", rate, err)
		}
		checks, err := store.Synthetic(db).CheckSeats(ctx, r.Spread)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range checks {
			if c.SeatsTaken != 0 {
				t.Errorf("group %d: %d seats taken after the baseline", c.GroupID, c.SeatsTaken)
			}
		}
	})
}
