package rush_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// build makes a synthetic region on a fresh database and serves it.
func build(t *testing.T, db *store.DB, cfg rush.Config) (*rush.Region, string) {
	t.Helper()
	ctx := context.Background()
	keys, err := secret.New(secret.Token() + secret.Token())
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(service.Deps{DB: db, Keys: keys})
	r, err := rush.Build(ctx, db, keys, svc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sv, err := rush.Serve(db, keys, svc, server.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sv.Stop)
	return r, sv.Base
}

// TestRushSeatsAndOrder fires more applicants than seats at a few groups
// and at one group, on both engines: every group holds exactly its
// capacity, the counter agrees with the applications, the wait list is
// in the order of arrival, and a withdrawal hands the seat to the first
// in line.
func TestRushSeatsAndOrder(t *testing.T) {
	for _, single := range []bool{false, true} {
		t.Run(fmt.Sprintf("single=%v", single), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				cfg := rush.Config{Families: 240, Groups: 4, Clients: 60, Seats: 20, Single: single}
				r, base := build(t, db, cfg)
				res := rush.Fire(ctx, base, r, cfg.Clients, nil, nil)
				if res.Failed > 0 || res.Created != cfg.Families {
					t.Fatalf("%d created, %d failed: %v", res.Created, res.Failed, res.FirstErr)
				}
				applicants := map[int64]int{}
				for _, g := range r.Target {
					applicants[g]++
				}
				checks, err := store.Synthetic(db).CheckSeats(ctx, r.Groups)
				if err != nil {
					t.Fatal(err)
				}
				held := 0
				for _, c := range checks {
					want := min(c.Capacity, applicants[c.GroupID])
					if c.SeatsTaken != want || c.Holding != want || c.Waiting != applicants[c.GroupID]-want || c.OutOfOrder != 0 {
						t.Errorf("group %d: %+v, want %d seats taken of %d applicants", c.GroupID, c, want, applicants[c.GroupID])
					}
					held += c.Holding
				}
				if held != res.Pending {
					t.Errorf("%d seats held, %d answers said pending", held, res.Pending)
				}
				// Withdraw a seat holder of the first group: the earliest waiting
				// application of that group takes the seat.
				var holder, waiter rush.Answer
				for _, a := range res.Answers {
					if r.Target[a.Family] != r.Groups[0] {
						continue
					}
					if a.Status == "pending" && holder.ID == 0 {
						holder = a
					}
					if a.Status == "waitlisted" && (waiter.ID == 0 || a.ID < waiter.ID) {
						waiter = a
					}
				}
				if holder.ID == 0 || waiter.ID == 0 {
					t.Fatalf("no holder or waiter in the first group")
				}
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/applications/%d/cancel", base, holder.ID), nil)
				req.Header.Set("Authorization", "Bearer "+r.Tokens[holder.Family])
				resp, err := http.DefaultClient.Do(req)
				if err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("cancel: %v %v", resp, err)
				}
				resp.Body.Close()
				apps, err := db.ApplicationsOf(ctx, r.Families[waiter.Family].SiteUserID, 0)
				if err != nil || len(apps) != 1 || apps[0].Status != "pending" {
					t.Fatalf("the first in line was not promoted: %+v %v", apps, err)
				}
				checks, _ = store.Synthetic(db).CheckSeats(ctx, r.Groups[:1])
				if c := checks[0]; c.SeatsTaken != c.Capacity || c.Holding != c.Capacity || c.OutOfOrder != 0 {
					t.Fatalf("after the withdrawal: %+v", c)
				}
			})
		})
	}
}

// TestRushRetriesGetTheFirstAnswer sends every application twice at once
// with the same Idempotency-Key: each family gets one application, and
// both answers name it.
func TestRushRetriesGetTheFirstAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		cfg := rush.Config{Families: 100, Groups: 2, Clients: 40, Seats: 30}
		r, base := build(t, db, cfg)
		twice := make([]int, 0, 2*cfg.Families)
		for i := range cfg.Families {
			twice = append(twice, i, i)
		}
		res := rush.Fire(ctx, base, r, cfg.Clients, twice, nil)
		if res.Failed > 0 {
			t.Fatalf("%d failed: %v", res.Failed, res.FirstErr)
		}
		ids := map[int][]int64{}
		for _, a := range res.Answers {
			ids[a.Family] = append(ids[a.Family], a.ID)
		}
		for f, v := range ids {
			if len(v) != 2 || v[0] != v[1] {
				t.Fatalf("family %d got applications %v", f, v)
			}
		}
		checks, err := store.Synthetic(db).CheckSeats(ctx, r.Groups)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, c := range checks {
			total += c.Holding + c.Waiting
		}
		if total != cfg.Families {
			t.Fatalf("%d applications for %d families", total, cfg.Families)
		}
	})
}
