package store

import (
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"navigator"
	"navigator/internal/secret"
)

// The writes of a pipelined part (lane_pipe.go) as one statement. One
// statement per application — claim the seat, insert the application,
// its idempotency key and its letter — cost PostgreSQL an executor start
// and four table writes' set-up for every parent, and on two cores
// PostgreSQL's processor, not the disk, is what the rush ran out of. The
// part's groups are locked from the transaction's first statement
// (lane_lock.go) and read after the lock, so their free seats as read are
// exact until the commit: the lane counts them down in Go, in the order
// the applications came, as the SQLite bulk path does (lane_bulk.go), and
// writes every row of the part from arrays. The counters' CHECK refuses a
// seat past the capacity, so a miscount fails the batch to the
// statement-by-statement path, never overbooks a group.
//
// The rows are inserted in the order of the arrays (ORDER BY ordinality),
// so the applications' numbers follow the order the seats were taken.
const applicationRowsPG = `WITH req AS (
		SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
			WITH ORDINALITY AS r (child_id, group_id, program_id, site_user_id, certificate_id, status, ord)
	), app AS (
		INSERT INTO applications (child_id, group_id, program_id, site_user_id, certificate_id, status, holds_seat, created_at, status_changed_at)
		SELECT child_id, group_id, program_id, site_user_id, certificate_id, status, status = 'pending', ?::timestamptz, ?::timestamptz
		FROM req ORDER BY ord
		RETURNING id, child_id
	), idem AS (
		INSERT INTO idempotency_keys (actor, key, request_hash, status, body, created_at)
		SELECT k.actor, k.key, k.hash, 201, convert_to(app.id::text, 'UTF8'), ?::timestamptz
		FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS k (child_id, actor, key, hash) JOIN app ON app.child_id = k.child_id
		WHERE k.key <> ''
	), letter AS (
		INSERT INTO mail_outbox (recipient, subject, body, body_sealed, body_fill, created_at)
		SELECT l.recipient, replace(l.subject, chr(1), app.id::text), '', l.sealed, app.id::text, ?::timestamptz
		FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bytea[]) WITH ORDINALITY AS l (child_id, recipient, subject, sealed, ord)
			JOIN app ON app.child_id = l.child_id
		ORDER BY l.ord
	), seat AS (
		UPDATE groups SET seats_taken = seats_taken + d.n
		FROM unnest(?::bigint[], ?::bigint[]) AS d (id, n) WHERE groups.id = d.id
		RETURNING groups.id
	)
	SELECT app.id, app.child_id, (SELECT count(*) FROM seat) FROM app`

// pipedRow is an application of a part that the rules let through.
type pipedRow struct {
	i int // its item in the batch
	c *applicant
	g *groupForApplication
}

// pipedRows holds the arrays of applicationRowsPG.
type pipedRows struct {
	child, group, program, user []int64
	cert                        []*int64
	status                      []string
	actor, key, hash            []string
	recipient, subject          []string
	sealed                      [][]byte
	seatGroups, seats           []int64
}

// queueRows decides each row's status from its group's free seats, in
// order, seals its letter and queues the part's one write on b.
func queueRows(b *pgx.Batch, k *secret.Keys, items []*batchItem, rows []pipedRow, now time.Time) error {
	var r pipedRows
	seats := map[int64]int64{}
	for _, p := range rows {
		a := items[p.i].app
		a.status = navigator.AppWaitlisted
		if p.g.free > 0 {
			p.g.free--
			a.status = navigator.AppPending
			if seats[a.n.GroupID] == 0 {
				r.seatGroups = append(r.seatGroups, a.n.GroupID)
			}
			seats[a.n.GroupID]++
		}
		var cert *int64
		if p.c.Certificate != nil {
			id := p.c.Certificate.ID
			cert = &id
		}
		letter := p.c.letter(fillMark, a.status, p.g)
		sealed, err := sealLetter(k, letter.Body())
		if err != nil {
			return err
		}
		r.child, r.group, r.program, r.user = append(r.child, a.n.ChildID), append(r.group, a.n.GroupID), append(r.program, p.g.programID), append(r.user, a.n.SiteUserID)
		r.cert, r.status = append(r.cert, cert), append(r.status, string(a.status))
		r.actor, r.key, r.hash = append(r.actor, idempotencyActor(a.n.SiteUserID)), append(r.key, a.n.IdempotencyKey), append(r.hash, a.n.RequestHash)
		r.recipient, r.subject, r.sealed = append(r.recipient, p.c.email), append(r.subject, letter.Subject()), append(r.sealed, sealed)
	}
	for _, g := range r.seatGroups {
		r.seats = append(r.seats, seats[g])
	}
	b.Queue(rebind(Postgres, applicationRowsPG),
		r.child, r.group, r.program, r.user, r.cert, r.status, now, now,
		now, r.child, r.actor, r.key, r.hash,
		now, r.child, r.recipient, r.subject, r.sealed,
		r.seatGroups, r.seats)
	return nil
}

// readRows reads the part's write: every application's number, and that
// every group whose seats were taken was counted.
func readRows(br pgx.BatchResults, items []*batchItem, rows []pipedRow) error {
	res, err := br.Query()
	if err != nil {
		return err
	}
	defer res.Close()
	byChild := make(map[int64]int64, len(rows)) // a part has no child twice
	groups := map[int64]bool{}
	var counted int64
	for res.Next() {
		var id, child int64
		if err := res.Scan(&id, &child, &counted); err != nil {
			return err
		}
		byChild[child] = id
	}
	if err := res.Err(); err != nil {
		return err // a duplicate is answered on the other path
	}
	for _, p := range rows {
		a := items[p.i].app
		id, ok := byChild[a.n.ChildID]
		if !ok {
			return fmt.Errorf("application of child %d not written", a.n.ChildID)
		}
		a.id = id
		if a.status == navigator.AppPending {
			groups[a.n.GroupID] = true
		}
	}
	if counted != int64(len(groups)) {
		return fmt.Errorf("seats: %d of %d groups counted", counted, len(groups))
	}
	return nil
}

// pipedApplicantsQuery reads a part's applicants in one statement, as
// the SQLite bulk path does (lane_bulk_applicants.go), from arrays
// instead of a VALUES list: one statement per applicant was an executor
// start and a plan's set-up per parent, the largest share of what
// PostgreSQL spent on the rush's reads. Each row carries the request's
// place in the part last.
const pipedApplicantsQuery = `WITH req AS (
		SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS r (k, actor, key, group_id, child_id)
	)
	SELECT EXISTS (SELECT 1 FROM idempotency_keys WHERE actor = req.actor AND key = req.key),` + applicantColumns + `, req.k
	FROM req JOIN children c ON c.id = req.child_id JOIN site_users u ON u.id = c.site_user_id LEFT JOIN certificates s ON s.child_id = c.id
		LEFT JOIN groups rg ON rg.id = req.group_id LEFT JOIN programs gp ON gp.id = rg.program_id`

// queueApplicants queues the read of part's applicants on b.
func queueApplicants(b *pgx.Batch, items []*batchItem, part []int) {
	k := make([]int32, len(part))
	actor, key := make([]string, len(part)), make([]string, len(part))
	group, child := make([]int64, len(part)), make([]int64, len(part))
	for j, i := range part {
		n := items[i].app.n
		k[j], actor[j], key[j], group[j], child[j] = int32(j), idempotencyActor(n.SiteUserID), n.IdempotencyKey, n.GroupID, n.ChildID
	}
	b.Queue(rebind(Postgres, pipedApplicantsQuery), k, actor, key, group, child)
}

// readApplicants reads the applicants queued by queueApplicants, in
// part's order. A child not found is errNotPiped: the
// statement-by-statement path answers it.
func readApplicants(br pgx.BatchResults, items []*batchItem, part []int) ([]*applicant, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]*applicant, len(part))
	found := 0
	for rows.Next() {
		var k int32
		c, err := scanApplicant(rows, 0, &k)
		if err != nil {
			return nil, err
		}
		if err := placeApplicant(items, part, out, int(k), c); err != nil {
			return nil, err
		}
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if found < len(part) {
		return nil, errNotPiped
	}
	return out, nil
}
