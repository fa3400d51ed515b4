package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestUpdateBatched runs many writers through the group-commit lanes at
// once, every third of them failing after its write: the failures leave
// nothing behind, the others are all committed, and every caller gets its
// own answer.
func TestUpdateBatched(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const n = 300
		errRefused := errors.New("refused")
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = db.UpdateBatched(ctx, int64(i), func(ctx context.Context, tx *store.Tx) error {
					if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?)", fmt.Sprintf("batch-%d", i), "x"); err != nil {
						return err
					}
					if i%3 == 0 {
						return errRefused
					}
					return nil
				})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if (i%3 == 0) != errors.Is(err, errRefused) || (i%3 != 0 && err != nil) {
				t.Fatalf("caller %d: %v", i, err)
			}
		}
		var kept int
		if err := db.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT count(*) FROM settings WHERE key LIKE 'batch-%'").Scan(&kept)
		}); err != nil {
			t.Fatal(err)
		}
		if want := n - (n+2)/3; kept != want {
			t.Fatalf("%d rows kept, want %d", kept, want)
		}
	})
}

// TestBatchOfApplications runs applications that arrive at the same moment
// as one batch, on both engines: a child's fourth budget program is
// refused by the limit even when all four come together (on PostgreSQL
// the batch is read in parts, cut before a child repeats); a retry that
// races its first request gets the first answer; a duplicate is refused;
// and the seats add up. The first batch must go through the pipeline
// (PostgreSQL) or the bulk path (SQLite); the others fall back to the
// statement-by-statement path.
func TestBatchOfApplications(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		operator, office, municipality := demoOperator(t, db)
		birth := navigator.NewDate(db.Now().Year()-10, 1, 1) // 10 years old all year
		fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, birth, []string{"batch-a", "batch-b"})
		must(t, err)
		a, b := fams[0], fams[1]
		groups := budgetGroups(t, db, 4)

		apply := func(f store.SyntheticFamily, group int64, key string) store.NewApplication {
			return store.NewApplication{SiteUserID: f.SiteUserID, ChildID: f.ChildID, GroupID: group,
				IdempotencyKey: key, RequestHash: fmt.Sprintf("%d:%d", f.ChildID, group)}
		}
		before := db.LaneStats()
		ids, statuses, errs := db.ApplyTogether(ctx, []store.NewApplication{
			apply(a, groups[0], "a0"), apply(a, groups[1], "a1"), apply(a, groups[2], "a2"), apply(a, groups[3], "a3"),
			apply(b, groups[0], "b0"),
		})
		for i, want := range []string{"pending", "pending", "pending", "limit", "pending"} {
			got := string(statuses[i])
			if errs[i] != nil {
				got = codeOf(errs[i])
			}
			if got != want || (want == "pending") != (ids[i] != 0) {
				t.Fatalf("application %d: %q (id %d, %v), want %q", i, got, ids[i], errs[i], want)
			}
		}
		if piped := db.LaneStats().Piped - before.Piped; piped != 1 {
			t.Fatalf("%d batches piped on %s, want 1", piped, db.Engine())
		}

		// A group that is not there, among groups that are: read together,
		// the one missing is answered alone and the others still apply.
		ids, _, errs = db.ApplyTogether(ctx, []store.NewApplication{apply(b, 1<<40, "b-missing"), apply(b, groups[2], "b2")})
		if navigator.ErrorKind(errs[0]) != navigator.KindNotFound || errs[1] != nil || ids[1] == 0 {
			t.Fatalf("a missing group beside a real one: ids %v, %v", ids, errs)
		}

		// A retry racing its first request, in the same batch.
		before = db.LaneStats()
		ids, _, errs = db.ApplyTogether(ctx, []store.NewApplication{apply(b, groups[1], "b1"), apply(b, groups[1], "b1")})
		if errs[0] != nil || errs[1] != nil || ids[0] == 0 || ids[0] != ids[1] {
			t.Fatalf("a retry in the same batch: ids %v, %v", ids, errs)
		}
		if piped := db.LaneStats().Piped - before.Piped; piped != 0 {
			t.Fatalf("a retry's batch was piped %d times; its first answer is replayed on the other path", piped)
		}
		// The same child and group under a new key.
		_, _, errs = db.ApplyTogether(ctx, []store.NewApplication{apply(a, groups[0], "a0-again")})
		if codeOf(errs[0]) != "duplicate" {
			t.Fatalf("a duplicate: %v", errs[0])
		}

		checks, err := store.Synthetic(db).CheckSeats(ctx, groups)
		must(t, err)
		for _, c := range checks {
			if c.SeatsTaken != c.Holding {
				t.Fatalf("group %d counts %d seats taken, %d applications hold one", c.GroupID, c.SeatsTaken, c.Holding)
			}
		}
		// The catalog's free seats follow within half a second.
		deadline := time.Now().Add(5 * time.Second)
		for off := wrongFreeSeats(t, db); off > 0; off = wrongFreeSeats(t, db) {
			if time.Now().After(deadline) {
				t.Fatalf("%d programs show free seats their groups do not have", off)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// wrongFreeSeats counts the programs whose free seats differ from their
// accepting groups'.
func wrongFreeSeats(t *testing.T, db *store.DB) int {
	t.Helper()
	ctx := context.Background()
	var n int
	must(t, db.View(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM programs p WHERE p.seats_left <>
			COALESCE((SELECT sum(g.capacity - g.seats_taken) FROM groups g WHERE g.program_id = p.id AND g.accepting = TRUE), 0)`).Scan(&n)
	}))
	return n
}

// TestRecountFreeSeats: the hourly recount puts right a program whose free
// seats are off, as a crash between a commit and its recount leaves it.
func TestRecountFreeSeats(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if off := wrongFreeSeats(t, db); off != 0 {
			t.Fatalf("%d programs off after the seed", off)
		}
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE programs SET seats_left = seats_left + 7 WHERE id IN (SELECT min(id) FROM programs UNION SELECT max(id) FROM programs)")
			return err
		}))
		if n, err := db.RecountFreeSeats(ctx); err != nil || n != 2 {
			t.Fatalf("recounted %d programs, %v; want 2", n, err)
		}
		if off := wrongFreeSeats(t, db); off != 0 {
			t.Fatalf("%d programs off after the recount", off)
		}
		if n, err := db.RecountFreeSeats(ctx); err != nil || n != 0 {
			t.Fatalf("a second recount changed %d programs, %v", n, err)
		}
	})
}

// eachSeeded runs fn once per engine on a clone of the seeded demo region.
func eachSeeded(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range storetest.Engines {
		t.Run(string(e), func(t *testing.T) { fn(t, seeded(t, e)) })
	}
}

// budgetGroups returns n accepting groups of n budget programs for
// children of 10, each with free seats.
func budgetGroups(t *testing.T, db *store.DB, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	var groups []int64
	must(t, db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, `SELECT min(g.id) FROM groups g JOIN programs p ON p.id = g.program_id
			WHERE p.registry = 'budget' AND p.status = 'published' AND g.accepting = TRUE AND p.age_from <= 10 AND p.age_to >= 10
				AND g.seats_taken + 2 < g.capacity
			GROUP BY p.id ORDER BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() && len(groups) < n {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			groups = append(groups, id)
		}
		return rows.Err()
	}))
	if len(groups) < n {
		t.Fatalf("%d budget groups for children of 10, want %d", len(groups), n)
	}
	return groups
}

// codeOf is the code of API.md an error carries, or "".
func codeOf(err error) string {
	var e *navigator.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// demoOperator returns the demo region's operator, the operator's office
// and its municipality.
func demoOperator(t *testing.T, db *store.DB) (operator, office, municipality int64) {
	t.Helper()
	ctx := context.Background()
	must(t, db.View(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `SELECT s.id, o.id, o.municipality_id FROM staff s JOIN organizations o ON o.id = s.organization_id
			WHERE s.email = 'operator@demo.example.ru'`).Scan(&operator, &office, &municipality)
	}))
	return operator, office, municipality
}

// TestBatchTakesTheLastSeats sends more applications than a group has
// seats left as one batch, with a refusal among them, on both engines:
// the first to arrive take the seats, the rest wait in the order they
// came, the counter matches, each parent gets a letter with the
// application's number, and each key answers its retry with the same
// application.
func TestBatchTakesTheLastSeats(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		operator, office, municipality := demoOperator(t, db)
		birth := navigator.NewDate(db.Now().Year()-10, 1, 1)
		names := []string{"last-a", "last-b", "last-c", "last-d", "last-e"}
		fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, birth, names)
		must(t, err)
		// The second to come has a child of one, too young for the group.
		young, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, navigator.NewDate(db.Now().Year()-1, 1, 1), []string{"last-young"})
		must(t, err)
		fams[1] = young[0]
		group := budgetGroups(t, db, 1)[0]
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE groups SET capacity = seats_taken + 2 WHERE id = ?", group)
			return err
		}))
		var ns []store.NewApplication
		for i, f := range fams {
			n := store.NewApplication{SiteUserID: f.SiteUserID, ChildID: f.ChildID, GroupID: group,
				IdempotencyKey: names[i], RequestHash: names[i]}
			ns = append(ns, n)
		}
		before := db.LaneStats()
		ids, statuses, errs := db.ApplyTogether(ctx, ns)
		if piped := db.LaneStats().Piped - before.Piped; piped != 1 {
			t.Fatalf("%d batches piped on %s, want 1", piped, db.Engine())
		}
		want := []string{"pending", "age", "pending", "waitlisted", "waitlisted"}
		for i := range ns {
			got := string(statuses[i])
			if errs[i] != nil {
				got = codeOf(errs[i])
			}
			if got != want[i] {
				t.Fatalf("application %d: %q (%v), want %q", i, got, errs[i], want[i])
			}
		}
		if !(ids[0] < ids[2] && ids[2] < ids[3] && ids[3] < ids[4]) {
			t.Fatalf("ids %v are not in the order of arrival", ids)
		}
		checks, err := store.Synthetic(db).CheckSeats(ctx, []int64{group})
		must(t, err)
		if c := checks[0]; c.SeatsTaken != c.Capacity || c.Holding != c.SeatsTaken || c.Waiting != 2 || c.OutOfOrder != 0 {
			t.Fatalf("group after the batch: %+v", c)
		}
		mail, err := db.Outbox(ctx, 4)
		must(t, err)
		for k, i := range []int{4, 3, 2, 0} { // newest first
			number := fmt.Sprintf("Заявка № %d: ", ids[i])
			if len(mail) <= k || !strings.HasPrefix(mail[k].Subject, number) {
				t.Fatalf("letter %d: %+v, want a subject starting %q", k, mail, number)
			}
		}
		// Each key answers its retry with its own application.
		again, _, errs := db.ApplyTogether(ctx, []store.NewApplication{ns[4], ns[0]})
		if errs[0] != nil || errs[1] != nil || again[0] != ids[4] || again[1] != ids[0] {
			t.Fatalf("retries: %v %v, want %d and %d", again, errs, ids[4], ids[0])
		}
	})
}
