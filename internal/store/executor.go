package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"navigator"
)

// Executor is an organization's entry in its municipality's registry of
// executors (189-ФЗ): its application with the checklist, and the
// municipal admin's decision.
type Executor struct {
	ID             int64                    `json:"id"`
	OrganizationID int64                    `json:"organization_id"`
	MunicipalityID int64                    `json:"municipality_id"`
	Name           string                   `json:"name"`
	INN            string                   `json:"inn"`
	Status         navigator.ExecutorStatus `json:"status"`
	Checklist      navigator.Checklist      `json:"checklist"`
	Reason         string                   `json:"reason"`
	AppliedAt      time.Time                `json:"applied_at"`
	DecidedAt      *time.Time               `json:"decided_at"`
	IncludedOn     navigator.Date           `json:"included_on"`
	Documents      []ExecutorDocument       `json:"documents"`
}

// ExecutorDocument is a document attached to an application; Body is
// read only for a download.
type ExecutorDocument struct {
	ID          int64     `json:"id"`
	Requirement string    `json:"requirement"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	UploadedAt  time.Time `json:"uploaded_at"`
	Body        []byte    `json:"-"`
}

// NewExecutorDocument is a file a provider attaches.
type NewExecutorDocument struct {
	Requirement string
	Name        string
	Body        []byte
}

// PublicExecutor is what the public registry says of an entry: nothing
// of the checklist, the reasons or the documents.
type PublicExecutor struct {
	OrganizationID int64                    `json:"organization_id"`
	Name           string                   `json:"name"`
	INN            string                   `json:"inn"`
	Status         navigator.ExecutorStatus `json:"status"`
	IncludedOn     navigator.Date           `json:"included_on"`
}

// ExecutorFilter narrows the list of applications: a municipality (0 —
// all) and a status ("" — all).
type ExecutorFilter struct {
	MunicipalityID int64
	Status         navigator.ExecutorStatus
}

const executorColumns = `e.id, e.organization_id, e.municipality_id, o.name, COALESCE(o.inn, ''), e.status, e.checklist, e.reason,
	e.applied_at, e.decided_at, e.included_on FROM executors e JOIN organizations o ON o.id = e.organization_id`

func scanExecutor(row interface{ Scan(...any) error }) (*Executor, error) {
	var x Executor
	var checklist string
	var decided sql.NullTime
	if err := row.Scan(&x.ID, &x.OrganizationID, &x.MunicipalityID, &x.Name, &x.INN, &x.Status, &checklist, &x.Reason,
		&x.AppliedAt, &decided, &x.IncludedOn); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(checklist), &x.Checklist); err != nil {
		return nil, fmt.Errorf("executor %d: checklist: %w", x.ID, err)
	}
	x.AppliedAt = x.AppliedAt.UTC()
	if decided.Valid {
		t := decided.Time.UTC()
		x.DecidedAt = &t
	}
	x.Documents = []ExecutorDocument{}
	return &x, nil
}

func errNoExecutor() error {
	return navigator.NotFound("Заявка в реестр исполнителей не найдена.")
}

// findExecutor reads an entry with its documents (without their bodies).
func findExecutor(ctx context.Context, tx *Tx, where string, arg any) (*Executor, error) {
	x, err := scanExecutor(tx.QueryRow(ctx, "SELECT "+executorColumns+" WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoExecutor()
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT id, requirement, name, content_type, size, uploaded_at FROM executor_documents
		WHERE executor_id = ? ORDER BY id`, x.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d ExecutorDocument
		if err := rows.Scan(&d.ID, &d.Requirement, &d.Name, &d.ContentType, &d.Size, &d.UploadedAt); err != nil {
			return nil, err
		}
		d.UploadedAt = d.UploadedAt.UTC()
		x.Documents = append(x.Documents, d)
	}
	return x, rows.Err()
}

// Executor is one entry with the list of its documents.
func (db *DB) Executor(ctx context.Context, id int64) (*Executor, error) {
	var x *Executor
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		x, err = findExecutor(ctx, tx, "e.id = ?", id)
		return err
	})
	return x, err
}

// ExecutorOf is the entry of an organization in its municipality's
// registry; not found when it has never applied.
func (db *DB) ExecutorOf(ctx context.Context, organizationID int64) (*Executor, error) {
	var x *Executor
	err := db.View(ctx, func(tx *Tx) error {
		var err error
		x, err = findExecutor(ctx, tx, "e.organization_id = ? AND e.municipality_id = o.municipality_id", organizationID)
		return err
	})
	return x, err
}

// ApplyExecutor is an organization's application to its municipality's
// registry with the documents sent along, in one transaction. Applying
// again after a refusal or an exclusion reopens the same entry as
// pending (its documents stay); an entry pending or included is a
// conflict.
func (db *DB) ApplyExecutor(ctx context.Context, organizationID, staffID int64, c navigator.Checklist, docs []NewExecutorDocument, audit *AuditEntry) (*Executor, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	checklist, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var x *Executor
	err = db.Update(ctx, func(tx *Tx) error {
		var municipalityID int64
		var provider bool
		err := tx.QueryRow(ctx, "SELECT municipality_id, is_provider FROM organizations WHERE id = ?", organizationID).Scan(&municipalityID, &provider)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Организация не найдена.")
		}
		if err != nil {
			return err
		}
		if !provider {
			return navigator.Invalid(navigator.FieldError{Field: "organization_id", Code: "not_provider",
				Message: "В реестр исполнителей включают организации, которые ведут программы."})
		}
		var id int64
		var status navigator.ExecutorStatus
		err = tx.QueryRow(ctx, "SELECT id, status FROM executors WHERE organization_id = ? AND municipality_id = ?", organizationID, municipalityID).Scan(&id, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id, err = tx.InsertID(ctx, `INSERT INTO executors (organization_id, municipality_id, status, checklist, applied_by, applied_at)
				VALUES (?, ?, 'pending', ?, ?, ?)`, organizationID, municipalityID, string(checklist), staffID, tx.Now())
			if isUnique(err, "") {
				return navigator.Errorf(navigator.KindConflict, "Заявка в реестр исполнителей уже подана.").WithCode("exists")
			}
			if err != nil {
				return err
			}
		case err != nil:
			return err
		case status == navigator.ExecutorPending:
			return navigator.Errorf(navigator.KindConflict, "Заявка в реестр исполнителей уже подана и ждёт решения.").WithCode("exists")
		case status == navigator.ExecutorIncluded:
			return navigator.Errorf(navigator.KindConflict, "Организация уже включена в реестр исполнителей.").WithCode("exists")
		default:
			if _, err := tx.Exec(ctx, `UPDATE executors SET status = 'pending', checklist = ?, reason = '', applied_by = ?, applied_at = ?,
				decided_by = NULL, decided_at = NULL, included_on = NULL WHERE id = ?`, string(checklist), staffID, tx.Now(), id); err != nil {
				return err
			}
		}
		for _, d := range docs {
			if err := attachDocument(ctx, tx, id, d); err != nil {
				return documentField(err, d.Requirement)
			}
		}
		if err := auditSubject(ctx, tx, withDetails(audit, fmt.Sprintf("executor:%d", id)), "organization", organizationID); err != nil {
			return err
		}
		x, err = findExecutor(ctx, tx, "e.id = ?", id)
		return err
	})
	return x, err
}

// documentField names a document's failure by its requirement
// ("documents.licence") when several go in one request.
func documentField(err error, requirement string) error {
	var e *navigator.Error
	if errors.As(err, &e) && e.Kind == navigator.KindInvalid {
		for i := range e.Fields {
			if e.Fields[i].Field == "file" {
				e.Fields[i].Field = "documents." + requirement
			}
		}
	}
	return err
}

// withDetails is a copy of the audit entry with its details set.
func withDetails(audit *AuditEntry, details string) *AuditEntry {
	if audit == nil {
		return nil
	}
	e := *audit
	e.Details = details
	return &e
}

// attachDocument checks a document against the limits — its content
// sniffed, never as the sender labels it — and stores it.
func attachDocument(ctx context.Context, tx *Tx, executorID int64, d NewExecutorDocument) error {
	sniffed := sniffContentType(d.Body)
	if err := navigator.CheckExecutorDocument(d.Requirement, sniffed, len(d.Body)); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM executor_documents WHERE executor_id = ?", executorID).Scan(&n); err != nil {
		return err
	}
	if n >= navigator.MaxExecutorDocuments {
		return navigator.Invalid(navigator.FieldError{Field: "file", Code: "too_many",
			Message: fmt.Sprintf("К заявке можно приложить не больше %d документов: удалите лишние.", navigator.MaxExecutorDocuments)})
	}
	_, err := tx.Exec(ctx, `INSERT INTO executor_documents (executor_id, requirement, name, content_type, size, body, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, executorID, d.Requirement, navigator.SanitizeFileName(d.Name), sniffed, len(d.Body), d.Body, tx.Now())
	return err
}

// pendingOf reads an entry of the organization for a change by its
// provider: another organization's is not found, a decided one is a
// conflict.
func pendingOf(ctx context.Context, tx *Tx, executorID, organizationID int64) error {
	var org int64
	var status navigator.ExecutorStatus
	err := tx.QueryRow(ctx, "SELECT organization_id, status FROM executors WHERE id = ?", executorID).Scan(&org, &status)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
		return errNoExecutor()
	}
	if err != nil {
		return err
	}
	if status != navigator.ExecutorPending {
		return navigator.Errorf(navigator.KindConflict, "Документы меняются только у заявки на рассмотрении: подайте заявку снова.").WithCode("status")
	}
	return nil
}

// AttachExecutorDocument adds a document to a pending application of
// the organization.
func (db *DB) AttachExecutorDocument(ctx context.Context, executorID, organizationID int64, d NewExecutorDocument, audit *AuditEntry) (*ExecutorDocument, error) {
	var out *ExecutorDocument
	err := db.Update(ctx, func(tx *Tx) error {
		if err := pendingOf(ctx, tx, executorID, organizationID); err != nil {
			return err
		}
		if err := attachDocument(ctx, tx, executorID, d); err != nil {
			return err
		}
		x, err := findExecutor(ctx, tx, "e.id = ?", executorID)
		if err != nil {
			return err
		}
		out = &x.Documents[len(x.Documents)-1]
		return auditSubject(ctx, tx, withDetails(audit, fmt.Sprintf("executor:%d,document:%d", executorID, out.ID)), "organization", organizationID)
	})
	return out, err
}

// DeleteExecutorDocument takes a document off a pending application of
// the organization.
func (db *DB) DeleteExecutorDocument(ctx context.Context, executorID, documentID, organizationID int64, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM executor_documents d JOIN executors e ON e.id = d.executor_id
			WHERE d.id = ? AND d.executor_id = ? AND e.organization_id = ?`, documentID, executorID, organizationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return navigator.NotFound("Документ не найден.")
		}
		if err := pendingOf(ctx, tx, executorID, organizationID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM executor_documents WHERE id = ? AND executor_id = ?", documentID, executorID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, withDetails(audit, fmt.Sprintf("executor:%d,document:%d", executorID, documentID)), "organization", organizationID)
	})
}

// ExecutorDocumentFile is one document with its body.
func (db *DB) ExecutorDocumentFile(ctx context.Context, executorID, documentID int64) (*ExecutorDocument, error) {
	var d ExecutorDocument
	err := db.View(ctx, func(tx *Tx) error {
		return tx.QueryRow(ctx, `SELECT id, requirement, name, content_type, size, uploaded_at, body FROM executor_documents
			WHERE id = ? AND executor_id = ?`, documentID, executorID).Scan(&d.ID, &d.Requirement, &d.Name, &d.ContentType, &d.Size, &d.UploadedAt, &d.Body)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Документ не найден.")
	}
	return &d, err
}

// DecideExecutor includes, refuses or excludes an entry. Include and
// refuse are taken only from pending, exclude only from included (409
// otherwise); an inclusion needs the documents its checklist calls for
// and sets included_on to the day in the region.
func (db *DB) DecideExecutor(ctx context.Context, executorID, staffID int64, d navigator.ExecutorDecision, reason string, audit *AuditEntry) (*Executor, error) {
	var x *Executor
	err := db.Update(ctx, func(tx *Tx) error {
		cur, err := findExecutor(ctx, tx, "e.id = ?", executorID)
		if err != nil {
			return err
		}
		if d == navigator.DecideInclude {
			reason = ""
		}
		to, err := d.Next(cur.Status, reason)
		if err != nil {
			return err
		}
		var included any
		if to == navigator.ExecutorIncluded {
			var kinds []string
			for _, doc := range cur.Documents {
				kinds = append(kinds, doc.Requirement)
			}
			if err := cur.Checklist.MissingDocuments(kinds); err != nil {
				return err
			}
			included = navigator.Today(tx.Now())
		} else if to == navigator.ExecutorExcluded {
			included = cur.IncludedOn // the day it was included stays on record
		}
		// The status in the WHERE makes two decisions at once one decision.
		res, err := tx.Exec(ctx, `UPDATE executors SET status = ?, reason = ?, decided_by = ?, decided_at = ?, included_on = ?
			WHERE id = ? AND status = ?`, string(to), reason, staffID, tx.Now(), included, executorID, string(cur.Status))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.Errorf(navigator.KindConflict, "Решение уже принято: обновите страницу.").WithCode("status")
		}
		if err := auditSubject(ctx, tx, withDetails(audit, fmt.Sprintf("executor:%d,%s->%s", executorID, cur.Status, to)), "organization", cur.OrganizationID); err != nil {
			return err
		}
		x, err = findExecutor(ctx, tx, "e.id = ?", executorID)
		return err
	})
	return x, err
}

// Executors lists applications, newest first, without documents.
func (db *DB) Executors(ctx context.Context, f ExecutorFilter) ([]Executor, error) {
	q, args := "SELECT "+executorColumns+" WHERE 1 = 1", []any{}
	if f.MunicipalityID != 0 {
		q, args = q+" AND e.municipality_id = ?", append(args, f.MunicipalityID)
	}
	if f.Status != "" {
		q, args = q+" AND e.status = ?", append(args, string(f.Status))
	}
	out := []Executor{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY e.applied_at DESC, e.id DESC", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			x, err := scanExecutor(rows)
			if err != nil {
				return err
			}
			out = append(out, *x)
		}
		return rows.Err()
	})
	return out, err
}

// PublicExecutors is the public registry of a municipality (0 — the
// region) in one status, by organization name.
func (db *DB) PublicExecutors(ctx context.Context, municipalityID int64, status navigator.ExecutorStatus) ([]PublicExecutor, error) {
	q, args := `SELECT e.organization_id, o.name, COALESCE(o.inn, ''), e.status, e.included_on FROM executors e
		JOIN organizations o ON o.id = e.organization_id WHERE e.status = ?`, []any{string(status)}
	if municipalityID != 0 {
		q, args = q+" AND e.municipality_id = ?", append(args, municipalityID)
	}
	out := []PublicExecutor{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY o.name, e.id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p PublicExecutor
			if err := rows.Scan(&p.OrganizationID, &p.Name, &p.INN, &p.Status, &p.IncludedOn); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// sniffContentType is what the first bytes of a file say it is, by the
// algorithm of the WHATWG (http.DetectContentType); what a sender claims
// is never trusted.
func sniffContentType(body []byte) string { return http.DetectContentType(body) }
