package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
	"navigator/internal/secret"
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
		if err := queueToken(ctx, tx, t, m); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "", 0)
	})
}

func queueToken(ctx context.Context, tx *Tx, t EmailToken, m Mail) error {
	// A new link revokes the older ones of its kind: only the newest
	// letter opens anything.
	if err := revokeTokens(ctx, tx, t.Purpose, t.SubjectID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO email_tokens (id, purpose, subject_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
		t.ID, t.Purpose, t.SubjectID, t.Email, tx.Now(), tx.Now().Add(t.Lifetime)); err != nil {
		return fmt.Errorf("email token: %w", mapError(err))
	}
	return queueMail(ctx, tx, m)
}

// useToken spends a one-time link inside tx and returns its subject. A
// link used before, expired, or sent to an address the account no longer
// has is refused.
func useToken(ctx context.Context, tx *Tx, id, purpose string) (int64, string, error) {
	var subject int64
	var email string
	var expires time.Time
	var used sql.NullTime
	err := tx.QueryRow(ctx, "SELECT subject_id, email, expires_at, used_at FROM email_tokens WHERE id = ? AND purpose = ?", id, purpose).
		Scan(&subject, &email, &expires, &used)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, "", navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Запросите новое письмо.").WithCode("bad_link")
	case err != nil:
		return 0, "", err
	case used.Valid:
		return 0, "", navigator.Errorf(navigator.KindInvalid, "Эта ссылка больше не действует: по ней уже прошли или прислали письмо новее. Запросите новое письмо, если нужно.").WithCode("used_link")
	case tx.Now().After(expires):
		return 0, "", navigator.Errorf(navigator.KindInvalid, "Срок действия ссылки истёк. Запросите новое письмо.").WithCode("expired_link")
	}
	// Using a link spends every other link of its kind too.
	if err := revokeTokens(ctx, tx, purpose, subject); err != nil {
		return 0, "", err
	}
	return subject, email, nil
}

// TokenUsable refuses, as useToken would, a link that is unknown, spent or
// expired, without spending it: a request with such a link costs nothing
// more.
func (db *DB) TokenUsable(ctx context.Context, id, purpose string) error {
	return db.View(ctx, func(tx *Tx) error {
		var expires time.Time
		var used sql.NullTime
		err := tx.QueryRow(ctx, "SELECT expires_at, used_at FROM email_tokens WHERE id = ? AND purpose = ?", id, purpose).Scan(&expires, &used)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Запросите новое письмо.").WithCode("bad_link")
		case err != nil:
			return err
		case used.Valid:
			return navigator.Errorf(navigator.KindInvalid, "Эта ссылка больше не действует: по ней уже прошли или прислали письмо новее. Запросите новое письмо, если нужно.").WithCode("used_link")
		case tx.Now().After(expires):
			return navigator.Errorf(navigator.KindInvalid, "Срок действия ссылки истёк. Запросите новое письмо.").WithCode("expired_link")
		}
		return nil
	})
}

// QueueMail puts a letter in the outbox on its own.
func (db *DB) QueueMail(ctx context.Context, m Mail) error {
	return db.Update(ctx, func(tx *Tx) error { return queueMail(ctx, tx, m) })
}

// revokeTokens spends the unused links of a purpose sent for a subject.
func revokeTokens(ctx context.Context, tx *Tx, purpose string, subject int64) error {
	if _, err := tx.Exec(ctx, "UPDATE email_tokens SET used_at = ? WHERE purpose = ? AND subject_id = ? AND used_at IS NULL",
		tx.Now(), purpose, subject); err != nil {
		return fmt.Errorf("revoke links: %w", err)
	}
	return nil
}

// VerifyEmail spends a confirmation link and marks the address confirmed.
func (db *DB) VerifyEmail(ctx context.Context, tokenID string) (int64, error) {
	var uid int64
	err := db.Update(ctx, func(tx *Tx) error {
		id, email, err := useToken(ctx, tx, tokenID, "verify_email")
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "UPDATE site_users SET email_verified = TRUE, updated_at = ? WHERE id = ? AND email = ?", tx.Now(), id, email)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.Errorf(navigator.KindInvalid, "Ссылка отправлена на адрес, которого больше нет в профиле. Запросите новое письмо.").WithCode("bad_link")
		}
		uid = id
		return audit(ctx, tx, AuditEntry{ActorRole: "parent", ActorID: id, Action: "email.verified", SubjectKind: "site_user", SubjectID: id})
	})
	return uid, err
}

// ResetPassword spends a reset link, sets the new password and ends every
// session of the account.
func (db *DB) ResetPassword(ctx context.Context, tokenID, passwordHash string) (int64, error) {
	var uid int64
	err := db.Update(ctx, func(tx *Tx) error {
		id, email, err := useToken(ctx, tx, tokenID, "reset_password")
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "UPDATE site_users SET password_hash = ?, email_verified = TRUE, updated_at = ? WHERE id = ? AND email = ?",
			passwordHash, tx.Now(), id, email)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Запросите новое письмо.").WithCode("bad_link")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE role = 'parent' AND subject_id = ?", id); err != nil {
			return err
		}
		if err := tx.sessionsChanged(ctx, parentChanged(id)); err != nil {
			return err
		}
		uid = id
		return audit(ctx, tx, AuditEntry{ActorRole: "parent", ActorID: id, Action: "password.reset", SubjectKind: "site_user", SubjectID: id})
	})
	return uid, err
}

// SiteUserIDByEmail finds a parent's account by e-mail, 0 when none.
func (db *DB) SiteUserIDByEmail(ctx context.Context, email string) (int64, error) {
	var id int64
	err := db.queryRow(ctx, "SELECT id FROM site_users WHERE email = ?", email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// queueMail puts a letter in the outbox with its body sealed: letters
// carry working links (a password reset, a staff invitation), and the
// database file must not hand them to whoever copies it.
func queueMail(ctx context.Context, tx *Tx, m Mail) error {
	sealed, err := sealLetter(tx.keys, m.Body)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO mail_outbox (recipient, subject, body, body_sealed, created_at) VALUES (?, ?, '', ?, ?)`,
		m.To, m.Subject, sealed, tx.Now()); err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// fillMark stands in a sealed body for the application's number, which
// PostgreSQL's one-statement write learns only as it runs: the number is
// kept beside the sealed text (body_fill) and put in when it is opened.
const fillMark = "\x01"

// sealLetter seals a letter's body with the installation's keys.
func sealLetter(k *secret.Keys, body string) ([]byte, error) {
	if k == nil {
		return nil, errors.New("queue mail: the store has no keys to seal the letter (UseKeys)")
	}
	return k.Seal(body), nil
}

// openLetter is the body of a letter as it is sent: opened, with the
// number filled in. Letters queued before bodies were sealed are read as
// they were written.
func (db *DB) openLetter(plain string, sealed []byte, fill sql.NullString) (string, error) {
	if len(sealed) == 0 {
		return plain, nil
	}
	if db.keys == nil {
		return "", errors.New("outbox: the store has no keys to open the letters (UseKeys)")
	}
	body, err := db.keys.Open(sealed)
	if err != nil {
		return "", fmt.Errorf("outbox: open letter: %w", err)
	}
	if fill.Valid {
		body = strings.ReplaceAll(body, fillMark, fill.String)
	}
	return body, nil
}

// Outbox returns the newest letters, for the demo mailbox page. The text of
// a letter already sent is gone.
func (db *DB) Outbox(ctx context.Context, limit int) ([]Mail, error) {
	return db.letters(ctx, "SELECT id, recipient, subject, body, body_sealed, body_fill FROM mail_outbox ORDER BY id DESC LIMIT ?", limit)
}

// UnsentMail returns letters waiting in the outbox, oldest first.
func (db *DB) UnsentMail(ctx context.Context, limit int) ([]Mail, error) {
	return db.letters(ctx, "SELECT id, recipient, subject, body, body_sealed, body_fill FROM mail_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?", limit)
}

func (db *DB) letters(ctx context.Context, query string, limit int) ([]Mail, error) {
	var out []Mail
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, query, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Mail
			var plain string
			var sealed []byte
			var fill sql.NullString
			if err := rows.Scan(&m.ID, &m.To, &m.Subject, &plain, &sealed, &fill); err != nil {
				return err
			}
			if m.Body, err = db.openLetter(plain, sealed, fill); err != nil {
				return fmt.Errorf("letter %d: %w", m.ID, err)
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// MarkMailSent records that a letter left and erases its text: a link
// that has been delivered has no business staying in the database.
func (db *DB) MarkMailSent(ctx context.Context, id int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, "UPDATE mail_outbox SET sent_at = ?, body = '', body_sealed = NULL, body_fill = NULL WHERE id = ?", tx.Now(), id)
		return err
	})
}
