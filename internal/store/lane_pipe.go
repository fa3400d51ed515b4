package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"navigator"
	"navigator/internal/secret"
)

// Pipelined applications. On PostgreSQL each statement is a round trip
// to another process: a write, a wake-up of the server, a read. Done
// statement by statement, a batch of k applications costs about 4k+2 of
// them, and on the morning of the rush those round trips, not the disk,
// are what the two cores spend their time on. So a lane sends a batch of
// applications in two pipelines (pgx's batch: statements sent together,
// answered together):
//
//  1. BEGIN, the groups and the applicants (in one statement of arrays,
//     lane_pipe_rows.go): everything the rules read;
//  2. after the rules ran in Go, the writes of the applications that passed,
//     in the order they came, each one claiming its seat or the wait list,
//     in one statement of arrays (lane_pipe_rows.go), and COMMIT.
//
// The rules are the same functions as on the statement-by-statement path,
// and the statements read the same columns (applicantColumns) and write
// the same rows, for a part at once. All the reads of step 1 see the
// database before the batch's writes, which is right only when no two
// applications of the step are for the same child (a second application
// counts the first against the budget limit): a batch is cut into parts
// before the first child that repeats, and each part reads after the
// previous part wrote.
//
// Whatever the pipeline does not handle falls back, with nothing written,
// to runFast and runSafe: a retry whose key was used (its first answer is
// replayed), a child or group not found, a write the database refuses (a
// duplicate application).

// appRequest is one application waiting in a lane, and its answer.
type appRequest struct {
	n      NewApplication
	id     int64
	status navigator.ApplicationStatus
}

// errNotPiped tells that a batch needs the statement-by-statement path;
// nothing of it was written.
var errNotPiped = errors.New("store: the batch needs the statement-by-statement path")

// errCommit tells that the commit failed: whether it happened is unknown.
var errCommit = errors.New("store: commit")

// runPiped runs a batch of applications on PostgreSQL in two round
// trips. It reports false, with nothing written, when the batch needs
// the statement-by-statement path.
func (db *DB) runPiped(ctx context.Context, own *laneConn, items []*batchItem, live []int, results []error) bool {
	if !allApplications(items, live) {
		return false
	}
	conn, err := own.get(ctx, db.write)
	if err != nil {
		return false
	}
	piped, broken := false, false
	_ = conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return nil
		}
		p := &pipe{conn: c.Conn(), now: db.Now(), keys: db.keys, items: items, results: results}
		if piped = p.run(ctx, live); piped {
			db.seats.changed(p.moved) // a recount is right even if the commit failed
		}
		broken = c.Conn().IsClosed()
		return nil
	})
	if broken {
		own.release() // the pool drops it; the next batch takes another
	}
	return piped
}

// pipe is one batch on its way through the pipelines.
type pipe struct {
	conn      *pgx.Conn
	now       time.Time
	keys      *secret.Keys // seal the letters
	items     []*batchItem
	results   []error
	groups    map[int64]*groupForApplication
	lock      []int64        // the batch's groups, locked first (lane_lock.go)
	moved     map[int64]bool // programs whose free seats changed
	begun     bool
	committed bool
}

// run reports whether the batch was answered: committed, refused by the
// rules, or failed at the commit, whose outcome the callers then cannot
// know. Otherwise it has rolled back whatever it began.
func (p *pipe) run(ctx context.Context, live []int) bool {
	p.groups = map[int64]*groupForApplication{}
	p.moved = map[int64]bool{}
	p.lock = batchGroups(p.items, live)
	for rest := live; len(rest) > 0; {
		part := uptoRepeatedChild(p.items, rest)
		rest = rest[len(part):]
		err := p.part(ctx, part, len(rest) == 0)
		switch {
		case p.committed:
			return true
		case errors.Is(err, errCommit):
			p.rollback(ctx)
			err = fmt.Errorf("commit: %w", mapError(err))
			for _, i := range live {
				if p.results[i] == nil {
					p.results[i] = err
				}
			}
			return true
		case err != nil:
			return p.giveUp(ctx, live)
		}
	}
	return true
}

// giveUp rolls back what was begun, before anything was committed, and
// leaves the batch to the statement-by-statement path.
func (p *pipe) giveUp(ctx context.Context, live []int) bool {
	p.rollback(ctx)
	forgetAnswers(p.items, live, p.results)
	return false
}

// allApplications tells whether every live item is an application, which
// the pipelines and the bulk path (bulk.go) can write.
func allApplications(items []*batchItem, live []int) bool {
	for _, i := range live {
		if items[i].app == nil {
			return false
		}
	}
	return true
}

// forgetAnswers clears what an abandoned attempt wrote into the answers,
// before the statement-by-statement path runs the batch again.
func forgetAnswers(items []*batchItem, live []int, results []error) {
	for _, i := range live {
		results[i] = nil
		items[i].app.id, items[i].app.status = 0, ""
	}
}

// uptoRepeatedChild returns the longest head of live in which no child
// appears twice.
func uptoRepeatedChild(items []*batchItem, live []int) []int {
	seen := make(map[int64]bool, len(live))
	for k, i := range live {
		child := items[i].app.n.ChildID
		if seen[child] {
			return live[:k]
		}
		seen[child] = true
	}
	return live
}

// part reads what the rules need for part's applications, applies the
// rules and writes those that pass; the last part commits with its writes.
func (p *pipe) part(ctx context.Context, part []int, last bool) error {
	reads := &pgx.Batch{}
	if !p.begun {
		reads.Queue("BEGIN")
		reads.Queue(rebind(Postgres, lockGroupsQuery), p.lock)
	}
	var fresh []int64 // groups not read yet, in the order queued
	for _, i := range part {
		g := p.items[i].app.n.GroupID
		if p.groups[g] == nil && !slices.Contains(fresh, g) {
			fresh = append(fresh, g)
			reads.Queue(rebind(Postgres, groupQuery), g)
		}
	}
	queueApplicants(reads, p.items, part)
	var applicants []*applicant
	err := p.send(ctx, reads, func(br pgx.BatchResults) error {
		if !p.begun {
			p.begun = true
			if _, err := br.Exec(); err != nil {
				return err
			}
			if _, err := br.Exec(); err != nil { // the groups' locks
				return err
			}
		}
		for _, id := range fresh {
			g, err := scanGroup(br.QueryRow())
			if err != nil {
				return err // a group not found is answered on the other path
			}
			p.groups[id] = g
		}
		var err error
		applicants, err = readApplicants(br, p.items, part)
		return err
	})
	if err != nil {
		return err
	}

	writes := &pgx.Batch{}
	var passed []pipedRow
	for k, i := range part {
		n, c := p.items[i].app.n, applicants[k]
		if c.used || !c.belongsTo(n) {
			return errNotPiped // a retry's first answer, or a child not found
		}
		g := p.groups[n.GroupID]
		if err := checkApplication(c, g, navigator.Today(p.now)); err != nil {
			p.results[i] = err
			continue
		}
		if paidBySocial(c, g) {
			return errNotPiped // the order's hours are held statement by statement
		}
		passed = append(passed, pipedRow{i: i, c: c, g: g})
	}
	if len(passed) > 0 {
		if err := queueRows(writes, p.keys, p.items, passed, p.now); err != nil {
			return err
		}
	}
	if last {
		writes.Queue("COMMIT")
	}
	if writes.Len() == 0 {
		return nil
	}
	return p.send(ctx, writes, func(br pgx.BatchResults) error {
		if len(passed) > 0 {
			// A duplicate is answered on the other path. The statements
			// after a failed one, COMMIT among them, are skipped: nothing
			// is committed.
			if err := readRows(br, p.items, passed); err != nil {
				return err
			}
			for _, r := range passed {
				if a := p.items[r.i].app; a.status == navigator.AppPending {
					p.moved[r.g.programID] = true
				}
			}
		}
		if !last {
			return nil
		}
		tag, err := br.Exec()
		if err != nil {
			return fmt.Errorf("%w: %w", errCommit, err)
		}
		p.begun = false
		if tag.String() != "COMMIT" {
			return fmt.Errorf("%w: the transaction was rolled back", errCommit)
		}
		p.committed = true
		return nil
	})
}

// send sends b and reads its answers with read; the error is read's, or
// the pipeline's.
func (p *pipe) send(ctx context.Context, b *pgx.Batch, read func(pgx.BatchResults) error) error {
	br := p.conn.SendBatch(ctx, b)
	err := read(br)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}

// rollback ends what was begun; a broken connection is dropped by the pool.
func (p *pipe) rollback(ctx context.Context) {
	if p.begun || p.conn.PgConn().TxStatus() != 'I' {
		_, _ = p.conn.Exec(ctx, "ROLLBACK")
		p.begun = false
	}
}
