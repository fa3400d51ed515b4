package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"navigator"
)

// Bulk applications on SQLite. SQLite runs in the server's process, so a
// statement costs no round trip but processor time: binding, stepping and
// resetting it through database/sql costs about as much as the b-tree
// work of one row. On the morning of the rush the two cores are what
// limits, so the lane writes a batch of applications in a few statements
// of many rows instead of four statements each:
//
//  1. the children of the applications are read a chunk at a time
//     (lane_bulk_applicants.go), and for each application in order the rules
//     read the group (the columns of the statement-by-statement path's
//     query, the groups of a part read together: lane_bulk_groups.go)
//     and decide; the seat is counted in Go from the group's free seats as
//     read, which is exact because the lane holds SQLite's only write
//     lock for the whole transaction;
//  2. the applications that passed go in with one INSERT per chunk, then
//     their idempotency keys, their letters and the groups' counters.
//
// As in the pipelines (pipe.go), a batch is cut into parts before the
// first child that repeats, so that a child's second application sees the
// first one's rows; and whatever the bulk path does not handle — a retry
// whose key was used, a child or group not found, a write the database
// refuses — is rolled back and done again statement by statement.

// bulkChunk is the most rows one statement writes. Statements are cut
// into chunks of powers of two, so that a few texts, prepared once, serve
// every size of batch.
const bulkChunk = 32

// errNotBulk tells that a batch needs the statement-by-statement path.
var errNotBulk = errors.New("store: the batch needs the statement-by-statement path")

// runBulk runs a batch of applications on SQLite in multi-row statements.
// It reports false, with nothing written, when the batch needs the
// statement-by-statement path.
func (db *DB) runBulk(ctx context.Context, items []*batchItem, live []int, results []error) bool {
	if !allApplications(items, live) {
		return false
	}
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return false
	}
	tx := db.batchTx(sqlTx)
	b := &bulk{tx: tx, items: items, results: results}
	for rest := live; len(rest) > 0; {
		part := uptoRepeatedChild(items, rest)
		rest = rest[len(part):]
		if err := b.part(ctx, part); err != nil {
			_ = sqlTx.Rollback()
			forgetAnswers(items, live, results)
			return false
		}
	}
	db.commitBatch(tx, live, results)
	return true
}

// bulk is one batch on its way through the bulk path.
type bulk struct {
	tx      *Tx
	items   []*batchItem
	results []error
}

// passed is an application the rules let through, waiting for its rows.
type passed struct {
	a      *appRequest
	g      *groupForApplication
	certID any
	who    *applicant
}

// part applies the rules to part's applications in order and writes those
// that pass.
func (b *bulk) part(ctx context.Context, part []int) error {
	tx := b.tx
	today := navigator.Today(tx.Now())
	var ok []passed
	who, err := b.applicants(ctx, part)
	if err != nil {
		return errNotBulk
	}
	if err := b.groups(ctx, part); err != nil {
		return errNotBulk
	}
	for k, i := range part {
		a := b.items[i].app
		g, err := findGroupForApplication(ctx, tx, a.n.GroupID)
		if err != nil {
			return errNotBulk
		}
		c := who[k]
		if c.used || !c.belongsTo(a.n) {
			return errNotBulk
		}
		if err := checkApplication(c, g, today); err != nil {
			b.results[i] = err
			continue
		}
		if paidBySocial(c, g) {
			return errNotBulk // the order's hours are held statement by statement
		}
		a.status = navigator.AppWaitlisted
		if g.free > 0 {
			g.free--
			a.status = navigator.AppPending
		}
		ok = append(ok, passed{a: a, g: g, certID: c.certificateID(), who: c})
	}
	for len(ok) > 0 {
		n := chunkOf(len(ok))
		if err := b.write(ctx, ok[:n]); err != nil {
			return err
		}
		ok = ok[n:]
	}
	return nil
}

// chunkOf is how many of n rows the next statement writes: the largest
// power of two not above n or bulkChunk.
func chunkOf(n int) int {
	c := 1
	for c*2 <= min(n, bulkChunk) {
		c *= 2
	}
	return c
}

// write inserts the applications of ps, their idempotency keys and their
// letters, and counts the seats they took.
func (b *bulk) write(ctx context.Context, ps []passed) error {
	tx := b.tx
	now := tx.Now()
	args := make([]any, 0, 9*len(ps))
	for _, p := range ps {
		n := p.a.n
		args = append(args, n.ChildID, n.GroupID, p.g.programID, n.SiteUserID, p.certID, string(p.a.status), p.a.status == navigator.AppPending, now, now)
	}
	rows, err := tx.Query(ctx, `INSERT INTO applications (child_id, group_id, program_id, site_user_id, certificate_id, status, holds_seat, created_at, status_changed_at)
		VALUES `+rowsOf(len(ps), 9)+` RETURNING id, child_id`, args...)
	tx.wrote()
	if err != nil {
		return fmt.Errorf("applications: %w", err)
	}
	byChild := make(map[int64]int64, len(ps)) // a part has no child twice
	for rows.Next() {
		var id, child int64
		if err := rows.Scan(&id, &child); err != nil {
			rows.Close()
			return err
		}
		byChild[child] = id
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("applications: %w", err) // a duplicate is answered on the other path
	}
	keys, letters := make([]any, 0, 6*len(ps)), make([]any, 0, 5*len(ps))
	seats := map[int64]int{}
	var order []int64 // the groups of seats, in the order met
	for _, p := range ps {
		id, found := byChild[p.a.n.ChildID]
		if !found {
			return fmt.Errorf("application of child %d not written", p.a.n.ChildID)
		}
		p.a.id = id
		number := strconv.FormatInt(id, 10)
		if p.a.n.IdempotencyKey != "" {
			keys = append(keys, idempotencyActor(p.a.n.SiteUserID), p.a.n.IdempotencyKey, p.a.n.RequestHash, 201, []byte(number), now)
		}
		letter := p.who.letter(number, p.a.status, p.g)
		subject, body := letter.Subject(), letter.Body()
		sealed, err := sealLetter(b.tx.keys, body)
		if err != nil {
			return err
		}
		letters = append(letters, p.who.email, subject, "", sealed, now)
		if p.a.status == navigator.AppPending {
			if seats[p.a.n.GroupID] == 0 {
				order = append(order, p.a.n.GroupID)
			}
			seats[p.a.n.GroupID]++
			tx.seatsMoved(p.g.programID)
		}
	}
	if len(keys) > 0 {
		for _, c := range chunks(keys, 6) {
			if _, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (actor, key, request_hash, status, body, created_at) VALUES `+rowsOf(len(c)/6, 6), c...); err != nil {
				return fmt.Errorf("idempotency keys: %w", err)
			}
		}
	}
	for _, c := range chunks(letters, 5) {
		if _, err := tx.Exec(ctx, `INSERT INTO mail_outbox (recipient, subject, body, body_sealed, created_at) VALUES `+rowsOf(len(c)/5, 5), c...); err != nil {
			return fmt.Errorf("letters: %w", err)
		}
	}
	return b.claim(ctx, seats, order)
}

// claim adds the seats taken to their groups' counters, in one statement
// per chunk of groups. The counters' CHECK refuses a seat past the
// capacity, so a miscount would fail the batch, never overbook a group.
func (b *bulk) claim(ctx context.Context, seats map[int64]int, order []int64) error {
	for len(order) > 0 {
		n := chunkOf(len(order))
		var cases strings.Builder
		args := make([]any, 0, 3*n)
		for _, g := range order[:n] {
			cases.WriteString(" WHEN ? THEN ?")
			args = append(args, g, seats[g])
		}
		for _, g := range order[:n] {
			args = append(args, g)
		}
		res, err := b.tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken + CASE id"+cases.String()+" END WHERE id IN ("+placeholders(n)+")", args...)
		if err != nil {
			return fmt.Errorf("seats: %w", err)
		}
		if k, err := res.RowsAffected(); err != nil || k != int64(n) {
			return fmt.Errorf("seats: %d of %d groups counted: %v", k, n, err)
		}
		order = order[n:]
	}
	return nil
}

// chunks cuts args, rows of width values each, into chunks of chunkOf
// rows.
func chunks(args []any, width int) [][]any {
	var out [][]any
	for len(args) > 0 {
		n := chunkOf(len(args)/width) * width
		out = append(out, args[:n])
		args = args[n:]
	}
	return out
}

// rowsOf returns "(?, ?), (?, ?)" for n rows of width values.
func rowsOf(n, width int) string {
	row := "(" + placeholders(width) + ")"
	return strings.Repeat(row+", ", n-1) + row
}
