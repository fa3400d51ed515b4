package store

import (
	"context"
	"fmt"
	"time"
)

// EmailToken is a one-time link's record; ID is the token's hash.
type EmailToken struct {
	ID        string
	Purpose   string
	SubjectID int64
	Email     string
	Lifetime  time.Duration
}

// Mail is a letter waiting in the outbox.
type Mail struct {
	ID      int64
	To      string
	Subject string
	Body    string
}

// QueueEmailToken stores a one-time link and queues the letter that
// carries it, in one transaction with the audit entry.
func (db *DB) QueueEmailToken(ctx context.Context, t EmailToken, m Mail, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO email_tokens (id, purpose, subject_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			t.ID, t.Purpose, t.SubjectID, t.Email, tx.Now(), tx.Now().Add(t.Lifetime)); err != nil {
			return fmt.Errorf("email token: %w", mapError(err))
		}
		if err := queueMail(ctx, tx, m); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "", 0)
	})
}

func queueMail(ctx context.Context, tx *Tx, m Mail) error {
	if _, err := tx.Exec(ctx, `INSERT INTO mail_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)`,
		m.To, m.Subject, m.Body, tx.Now()); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// Outbox returns the newest letters, for the demo mailbox page.
func (db *DB) Outbox(ctx context.Context, limit int) ([]Mail, error) {
	var out []Mail
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, recipient, subject, body FROM mail_outbox ORDER BY id DESC LIMIT ?", limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Mail
			if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}
