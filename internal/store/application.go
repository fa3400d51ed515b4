package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/secret"
)

// ApplicationRow is a line of a «Заявки» tab.
type ApplicationRow struct {
	ID           int64               `json:"id"`
	Number       string              `json:"number"` // as the letters write it
	ChildID      int64               `json:"child_id"`
	ChildName    string              `json:"child_name"`
	ProgramID    int64               `json:"program_id"`
	Program      string              `json:"program"`
	GroupID      int64               `json:"group_id"`
	Group        string              `json:"group"`
	Status       string              `json:"status"`
	Reason       string              `json:"reason"`
	CreatedAt    time.Time           `json:"created_at"`
	Organization OrganizationContact `json:"organization"`
	Contract     *ContractView       `json:"contract"`
}

// OrganizationContact is how a family reaches a provider.
type OrganizationContact struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Address string `json:"address"`
}

// ContractView is an application's contract as the family's API shows
// it: the offer while it awaits acceptance, then the contract.
type ContractView struct {
	Number          string                   `json:"number"`
	Status          navigator.ContractStatus `json:"status"`
	MonthlyPrice    navigator.Money          `json:"monthly_price"`
	CertificatePays navigator.Money          `json:"certificate_pays"`
	FamilyPays      navigator.Money          `json:"family_pays"`
	StartsOn        navigator.Date           `json:"starts_on"`
	EndsOn          navigator.Date           `json:"ends_on"`
	// AcceptBy is the last day of acceptance of an open offer.
	AcceptBy *navigator.Date `json:"accept_by,omitempty"`
	// Ending: the contract is in force until EndsOn, ended early.
	Ending bool `json:"ending,omitempty"`
}

// applicationColumns select an ApplicationRow with its offer (o) and
// contract (k), scanned by scanApplication.
const applicationColumns = `a.id, a.child_id, TRIM(c.last_name || ' ' || c.first_name || ' ' || c.patronymic), p.id, p.title, g.id, g.name,
	a.status, a.reason, a.created_at, org.name, org.phone, org.email, org.address,
	COALESCE(o.status, ''), COALESCE(o.price_per_month, 0), COALESCE(o.certificate_monthly, 0), COALESCE(o.family_monthly, 0), o.starts_on, o.ends_on, o.expires_on,
	COALESCE(k.status, ''), COALESCE(k.price_per_month, 0), COALESCE(k.certificate_monthly, 0), COALESCE(k.family_monthly, 0), k.starts_on, k.ends_on, k.ended_on`

// applicationJoins are the tables applicationColumns read.
const applicationJoins = `applications a JOIN children c ON c.id = a.child_id JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id
	JOIN organizations org ON org.id = p.organization_id
	LEFT JOIN contract_offers o ON o.application_id = a.id LEFT JOIN contracts k ON k.application_id = a.id`

func scanApplication(rows interface{ Scan(...any) error }, today navigator.Date) (ApplicationRow, error) {
	var r ApplicationRow
	var oStatus, kStatus string
	var oPrice, oCert, oFamily, kPrice, kCert, kFamily navigator.Money
	var oStarts, oEnds, oExpires, kStarts, kEnds, kEnded navigator.Date
	if err := rows.Scan(&r.ID, &r.ChildID, &r.ChildName, &r.ProgramID, &r.Program, &r.GroupID, &r.Group, &r.Status, &r.Reason, &r.CreatedAt,
		&r.Organization.Name, &r.Organization.Phone, &r.Organization.Email, &r.Organization.Address,
		&oStatus, &oPrice, &oCert, &oFamily, &oStarts, &oEnds, &oExpires,
		&kStatus, &kPrice, &kCert, &kFamily, &kStarts, &kEnds, &kEnded); err != nil {
		return r, err
	}
	r.Number = strconv.FormatInt(r.ID, 10)
	switch {
	case kStatus != "":
		v := &ContractView{Number: contractNumber(r.ID), Status: navigator.ContractActive, MonthlyPrice: kPrice, CertificatePays: kCert,
			FamilyPays: kFamily, StartsOn: kStarts, EndsOn: kEnds}
		if kStatus == "ended" {
			v.Status = navigator.ContractEnded
		}
		if !kEnded.IsZero() {
			v.EndsOn, v.Ending = kEnded, kStatus != "ended"
		}
		r.Contract = v
	case oStatus != "":
		v := &ContractView{Number: contractNumber(r.ID), Status: navigator.ContractExpired, MonthlyPrice: oPrice, CertificatePays: oCert,
			FamilyPays: oFamily, StartsOn: oStarts, EndsOn: oEnds}
		if oStatus == "offered" && !oExpires.Before(today) {
			v.Status, v.AcceptBy = navigator.ContractOffered, &oExpires
		}
		r.Contract = v
	}
	return r, nil
}

// ApplicationsOf returns the applications of a site user's children, or
// of one child when childID is not 0, newest first.
func (db *DB) ApplicationsOf(ctx context.Context, siteUserID, childID int64) ([]ApplicationRow, error) {
	q := "SELECT " + applicationColumns + " FROM " + applicationJoins + " WHERE a.site_user_id = ?"
	args := []any{siteUserID}
	if childID != 0 {
		q, args = q+" AND a.child_id = ?", append(args, childID)
	}
	out := []ApplicationRow{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY a.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		today := navigator.Today(tx.Now())
		for rows.Next() {
			r, err := scanApplication(rows, today)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("applications: %w", err)
	}
	return out, nil
}

// NewApplication is a parent's request for a seat.
type NewApplication struct {
	SiteUserID     int64
	ChildID        int64
	GroupID        int64
	IdempotencyKey string // a retried request with the same key gets the first answer
	RequestHash    string // what the key was used for
}

// CreateApplication applies a parent's child to a group. Every rule is
// checked inside one transaction with the seat claim, so a group never
// holds more than its capacity; without a free seat the application waits
// in the server's order of arrival. A letter tells the parent.
func (db *DB) CreateApplication(ctx context.Context, n NewApplication) (int64, navigator.ApplicationStatus, error) {
	// The key is looked up inside the lane, in the same query as the child:
	// a first request, by far the most common, costs no extra round trip,
	// and a retry, even one racing its first request in the same batch,
	// sees what the first one wrote.
	it, req := applicationItem(n)
	err := db.updateBatched(ctx, n.GroupID, it)
	id, status := req.id, req.status
	if err != nil && n.IdempotencyKey != "" && navigator.ErrorKind(mapError(err)) == navigator.KindConflict {
		// The same key may have raced in another request that committed
		// first in another batch: then its answer is this request's too.
		var found bool
		if rerr := db.View(ctx, func(tx *Tx) error {
			var e error
			found, e = replayApplication(ctx, tx, n, &id, &status)
			return e
		}); rerr == nil && found {
			return id, status, nil
		}
	}
	if err != nil {
		return 0, "", err // what an abandoned attempt of the batch left is no answer
	}
	return id, status, nil
}

// applicationItem is n's work in a lane: the statement-by-statement
// function, and the request that PostgreSQL's pipeline reads; either one
// writes the answer into req.
func applicationItem(n NewApplication) (it *batchItem, req *appRequest) {
	req = &appRequest{n: n}
	return &batchItem{app: req, fn: func(ctx context.Context, tx *Tx) error {
		var err error
		req.id, req.status, err = createApplication(ctx, tx, n)
		return err
	}}, req
}

// createApplication is one application inside a transaction: the rules,
// the seat claim or the wait list, the idempotency key and the letter.
func createApplication(ctx context.Context, tx *Tx, n NewApplication) (int64, navigator.ApplicationStatus, error) {
	var id int64
	var status navigator.ApplicationStatus
	g, err := findGroupForApplication(ctx, tx, n.GroupID)
	if err != nil {
		return replayOr(ctx, tx, n, err)
	}
	c, err := findApplicant(ctx, tx, n)
	if err == nil && c.used {
		// A retry: the answer is the first one's, whatever the rules
		// would say now (the child is already in the group, for one).
		return replayOr(ctx, tx, n, nil)
	}
	if err != nil || !c.belongsTo(n) {
		return replayOr(ctx, tx, n, navigator.NotFound("Ребёнок не найден."))
	}
	if err := checkApplication(c, g, navigator.Today(tx.Now())); err != nil {
		return 0, "", err
	}
	if tx.engine == Postgres {
		id, status, err = writeApplicationPG(ctx, tx, n, c, g)
	} else {
		id, status, err = writeApplication(ctx, tx, n, c, g)
	}
	if err != nil {
		return 0, "", err
	}
	if status == navigator.AppPending && paidBySocial(c, g) {
		// The seat holds the hours of the social order; a refusal here
		// leaves the transaction to be rolled back, seat and all.
		if err := holdOrder(ctx, tx, id, c, g); err != nil {
			return 0, "", err
		}
	}
	if status == navigator.AppPending {
		// The group accepts, so its seat was counted in the program's free
		// seats: one fewer now.
		tx.seatsMoved(g.programID)
	}
	return id, status, nil
}

// writeApplication claims a seat or the wait list and writes the
// application, its idempotency key and the letter, statement by statement.
func writeApplication(ctx context.Context, tx *Tx, n NewApplication, c *applicant, g *groupForApplication) (int64, navigator.ApplicationStatus, error) {
	certID := c.certificateID()
	res, err := tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity", n.GroupID)
	if err != nil {
		return 0, "", err
	}
	status := navigator.AppWaitlisted
	if k, _ := res.RowsAffected(); k == 1 {
		status = navigator.AppPending
	}
	id, err := tx.InsertID(ctx, `INSERT INTO applications (child_id, group_id, program_id, site_user_id, certificate_id, status, holds_seat, created_at, status_changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, n.ChildID, n.GroupID, g.programID, n.SiteUserID, certID, string(status), status == navigator.AppPending, tx.Now(), tx.Now())
	if isUnique(err, "") {
		return 0, "", duplicateApplication(err)
	}
	if err != nil {
		return 0, "", fmt.Errorf("create application: %w", err)
	}
	if n.IdempotencyKey != "" {
		if _, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (actor, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			idempotencyActor(n.SiteUserID), n.IdempotencyKey, n.RequestHash, 201, []byte(fmt.Sprintf("%d", id)), tx.Now()); err != nil {
			return 0, "", fmt.Errorf("idempotency key: %w", mapError(err))
		}
	}
	if err := queueStatusLetter(ctx, tx, c.email, c.letter(strconv.FormatInt(id, 10), status, g)); err != nil {
		return 0, "", err
	}
	return id, status, nil
}

// writeApplicationPG is writeApplication in one PostgreSQL statement: on
// the morning of the rush every round trip to the server counts, and a
// lane for one popular group runs its applications one after another.
// The letter's two possible texts are made here; the statement picks one
// and writes the new application's number into it.
func writeApplicationPG(ctx context.Context, tx *Tx, n NewApplication, c *applicant, g *groupForApplication) (int64, navigator.ApplicationStatus, error) {
	var id int64
	var status navigator.ApplicationStatus
	tx.wrote()
	args, err := applicationWritePGArgs(tx.keys, n, c, g, tx.Now())
	if err != nil {
		return 0, "", err
	}
	err = tx.QueryRow(ctx, applicationWritePG, args...).Scan(&id, &status)
	if err != nil {
		return 0, "", applicationWriteError(err)
	}
	return id, status, nil
}

// applicationWritePG claims a seat or the wait list and writes the
// application, its idempotency key and the letter; it answers the
// application's id and status.
const applicationWritePG = `WITH seat AS (
		UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity RETURNING id
	), app AS (
		INSERT INTO applications (child_id, group_id, program_id, site_user_id, certificate_id, status, holds_seat, created_at, status_changed_at)
		SELECT ?, ?, ?::bigint, ?, ?::bigint, CASE WHEN EXISTS (SELECT 1 FROM seat) THEN 'pending' ELSE 'waitlisted' END,
			EXISTS (SELECT 1 FROM seat), ?::timestamptz, ?::timestamptz
		RETURNING id, status
	), idem AS (
		INSERT INTO idempotency_keys (actor, key, request_hash, status, body, created_at)
		SELECT ?::text, ?::text, ?::text, 201, convert_to(app.id::text, 'UTF8'), ?::timestamptz FROM app WHERE ?::text <> ''
	), letter AS (
		INSERT INTO mail_outbox (recipient, subject, body, body_sealed, body_fill, created_at)
		SELECT ?::text, replace(CASE WHEN app.status = 'pending' THEN ?::text ELSE ?::text END, chr(1), app.id::text), '',
			CASE WHEN app.status = 'pending' THEN ?::bytea ELSE ?::bytea END, app.id::text, ?::timestamptz FROM app
	)
	SELECT id, status FROM app`

// applicationWritePGArgs are applicationWritePG's arguments. The letter's
// two possible texts are made and sealed here; the statement picks one
// and keeps the new application's number beside it (body_fill), to be
// written into the text when it is opened for sending.
func applicationWritePGArgs(k *secret.Keys, n NewApplication, c *applicant, g *groupForApplication, now time.Time) ([]any, error) {
	certID, email := c.certificateID(), c.email
	pending, wait := c.letter(fillMark, navigator.AppPending, g), c.letter(fillMark, navigator.AppWaitlisted, g)
	pendingSubject, pendingBody := pending.Subject(), pending.Body()
	waitSubject, waitBody := wait.Subject(), wait.Body()
	pendingSealed, err := sealLetter(k, pendingBody)
	if err != nil {
		return nil, err
	}
	waitSealed, err := sealLetter(k, waitBody)
	if err != nil {
		return nil, err
	}
	return []any{n.GroupID,
		n.ChildID, n.GroupID, g.programID, n.SiteUserID, certID, now, now,
		idempotencyActor(n.SiteUserID), n.IdempotencyKey, n.RequestHash, now, n.IdempotencyKey,
		email, pendingSubject, waitSubject, pendingSealed, waitSealed, now}, nil
}

// applicationWriteError names a failed write: the same child already
// applied to the group, or the database's error.
func applicationWriteError(err error) error {
	if isUnique(err, "applications") {
		return duplicateApplication(err)
	}
	return fmt.Errorf("create application: %w", mapError(err))
}

// duplicateApplication names which rule of one live application the
// database's unique index err kept: per group, or per program.
func duplicateApplication(err error) error {
	// PostgreSQL names the index; SQLite names its columns.
	if isUnique(err, "applications_one_per_child_program") || isUnique(err, "applications.program_id") {
		return duplicateProgram()
	}
	return &navigator.Error{Kind: navigator.KindConflict, Code: "duplicate", Message: "Ребёнок уже записан в эту группу или стоит в её очереди."}
}

// duplicateProgram refuses a second live application of a child to a
// program through another of its groups.
func duplicateProgram() error {
	return &navigator.Error{Kind: navigator.KindConflict, Code: "duplicate",
		Message: "Ребёнок уже подал заявку на эту программу в другую группу. Чтобы перейти в другую группу, сначала отзовите ту заявку в «ИСТОРИИ ЗАЯВОК»."}
}

// replayOr answers with what the request's key was answered before, if
// it was used; otherwise with err.
func replayOr(ctx context.Context, tx *Tx, n NewApplication, err error) (int64, navigator.ApplicationStatus, error) {
	if n.IdempotencyKey == "" {
		return 0, "", err
	}
	var id int64
	var status navigator.ApplicationStatus
	found, rerr := replayApplication(ctx, tx, n, &id, &status)
	switch {
	case rerr != nil:
		return 0, "", rerr
	case found:
		return id, status, nil
	case err == nil:
		return 0, "", fmt.Errorf("idempotency key %q vanished", n.IdempotencyKey)
	}
	return 0, "", err
}

// replayApplication finds the answer given before to the same key.
func replayApplication(ctx context.Context, tx *Tx, n NewApplication, id *int64, status *navigator.ApplicationStatus) (bool, error) {
	var hash string
	var body []byte
	err := tx.QueryRow(ctx, "SELECT request_hash, body FROM idempotency_keys WHERE actor = ? AND key = ?",
		idempotencyActor(n.SiteUserID), n.IdempotencyKey).Scan(&hash, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if hash != n.RequestHash {
		return false, &navigator.Error{Kind: navigator.KindInvalid, Code: "idempotency_key",
			Message: "Этот ключ Idempotency-Key уже использован для другой заявки: для новой заявки нужен новый ключ."}
	}
	if _, err := fmt.Sscanf(string(body), "%d", id); err != nil {
		return false, err
	}
	return true, tx.QueryRow(ctx, "SELECT status FROM applications WHERE id = ?", *id).Scan(status)
}

// checkApplication applies the domain's rules of enrolment to what the
// transaction read of the child and the group.
func checkApplication(c *applicant, g *groupForApplication, today navigator.Date) error {
	return navigator.Enrolment{Accepting: g.accepting, GroupEndsOn: g.endsOn, AgeFrom: g.ageFrom, AgeTo: g.ageTo, Registry: g.registry,
		BirthDate: c.BirthDate, Certificate: c.Certificate, BudgetLimit: c.budgetLimit, BudgetUsed: c.budgetUsed, Executor: c.executor, Today: today}.Check()
}

// notifyStatus queues the letter that tells the parent about the
// application's status.
func notifyStatus(ctx context.Context, tx *Tx, appID int64, status navigator.ApplicationStatus) error {
	var email string
	l := navigator.StatusLetter{Number: strconv.FormatInt(appID, 10), Status: status}
	if err := tx.QueryRow(ctx, `SELECT u.email, u.first_name, u.patronymic, c.first_name, c.sex, p.title, g.name, a.reason
		FROM applications a JOIN site_users u ON u.id = a.site_user_id JOIN children c ON c.id = a.child_id
		JOIN groups g ON g.id = a.group_id JOIN programs p ON p.id = g.program_id WHERE a.id = ?`, appID).Scan(
		&email, &l.ParentFirstName, &l.ParentPatronymic, &l.ChildFirstName, &l.ChildSex, &l.Program, &l.Group, &l.Reason); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return queueStatusLetter(ctx, tx, email, l)
}

// queueStatusLetter queues the letter l to the parent's address.
func queueStatusLetter(ctx context.Context, tx *Tx, email string, l navigator.StatusLetter) error {
	return queueMail(ctx, tx, Mail{To: email, Subject: l.Subject(), Body: l.Body()})
}

// CancelApplication withdraws a parent's live application; a freed seat
// goes to the first wait-listed application of the group.
func (db *DB) CancelApplication(ctx context.Context, siteUserID, appID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		var groupID, owner int64
		var status navigator.ApplicationStatus
		err := tx.QueryRow(ctx, "SELECT group_id, site_user_id, status FROM applications WHERE id = ?", appID).Scan(&groupID, &owner, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != siteUserID) {
			return navigator.NotFound("Заявка не найдена.")
		}
		if err != nil {
			return err
		}
		if !status.Live() {
			return navigator.Errorf(navigator.KindConflict, "Заявку в статусе «%s» отозвать нельзя.", status.Title())
		}
		if status == navigator.AppEnrolled {
			return navigator.Errorf(navigator.KindConflict, "Ребёнок уже зачислен: чтобы прекратить обучение, расторгните договор на странице заявки.")
		}
		if _, err := tx.Exec(ctx, "UPDATE applications SET status = 'cancelled', holds_seat = FALSE, status_changed_at = ? WHERE id = ?", tx.Now(), appID); err != nil {
			return err
		}
		if err := releaseOrder(ctx, tx, appID); err != nil {
			return err
		}
		if err := withdrawOffer(ctx, tx, appID); err != nil {
			return err
		}
		if err := notifyStatus(ctx, tx, appID, navigator.AppCancelled); err != nil {
			return err
		}
		if status != navigator.AppWaitlisted {
			if err := freeSeat(ctx, tx, groupID); err != nil {
				return err
			}
		}
		var programID int64
		if err := tx.QueryRow(ctx, "SELECT program_id FROM groups WHERE id = ?", groupID).Scan(&programID); err != nil {
			return err
		}
		return refreshSeats(ctx, tx, programID)
	})
}

// freeSeat gives a freed seat to the first wait-listed application, or
// returns it to the group. A wait-listed application by social
// certificate takes the seat only with the hours of the social order; when
// its direction's order is exhausted it is refused with the reason, and
// the seat goes to the next.
func freeSeat(ctx context.Context, tx *Tx, groupID int64) error {
	for {
		var appID int64
		next := NewApplication{GroupID: groupID}
		err := tx.QueryRow(ctx, "SELECT id, site_user_id, child_id FROM applications WHERE group_id = ? AND status = 'waitlisted' ORDER BY id LIMIT 1", groupID).
			Scan(&appID, &next.SiteUserID, &next.ChildID)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken - 1 WHERE id = ?", groupID)
			return err
		}
		if err != nil {
			return err
		}
		held, err := holdPromoted(ctx, tx, appID, next)
		if err != nil {
			return err
		}
		if !held {
			continue
		}
		if _, err = tx.Exec(ctx, "UPDATE applications SET status = 'pending', holds_seat = TRUE, status_changed_at = ? WHERE id = ?", tx.Now(), appID); err != nil {
			return err
		}
		return notifyStatus(ctx, tx, appID, navigator.AppPending)
	}
}

// holdPromoted takes the order's hours for a wait-listed application
// about to take a seat, when a social certificate pays for it. It
// reports false when the order is exhausted: then the application is
// refused with the reason.
func holdPromoted(ctx context.Context, tx *Tx, appID int64, n NewApplication) (bool, error) {
	g, err := findGroupForApplication(ctx, tx, n.GroupID)
	if err != nil {
		return true, nil // an unpublished program's wait list moves as before
	}
	c, err := findApplicant(ctx, tx, n)
	if err != nil || !paidBySocial(c, g) {
		return true, nil
	}
	err = holdOrder(ctx, tx, appID, c, g)
	if navigator.ErrorCode(err) == "order_exhausted" {
		return false, setStatus(ctx, tx, appID, navigator.AppRejected, navigator.ErrorMessage(err))
	}
	return err == nil, err
}
