package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// QueueRegistration keeps a parent's sign-up until its e-mail link is
// followed, with the letter that carries the link, in one transaction. A
// newer sign-up for the same address spends the older links: only the
// latest letter makes the account.
func (db *DB) QueueRegistration(ctx context.Context, n NewSiteUser, t EmailToken, m Mail) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := municipalityExists(ctx, tx, n.MunicipalityID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE registrations SET used_at = ? WHERE email = ? AND used_at IS NULL", tx.Now(), n.Email); err != nil {
			return fmt.Errorf("registration: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO registrations (id, municipality_id, last_name, first_name, patronymic, phone, email, password_hash,
				created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			t.ID, n.MunicipalityID, n.LastName, n.FirstName, n.Patronymic, n.Phone, n.Email, n.PasswordHash, tx.Now(), tx.Now().Add(t.Lifetime)); err != nil {
			return fmt.Errorf("registration: %w", mapError(err))
		}
		return queueMail(ctx, tx, m)
	})
}

// CompleteRegistration follows a sign-up's link: it makes the account, with
// its address confirmed and the consent given when the form was sent, and
// spends the link. An address that got an account in the meantime is
// refused and nothing is made.
func (db *DB) CompleteRegistration(ctx context.Context, tokenID string) (*navigator.SiteUser, error) {
	var u navigator.SiteUser
	err := db.Update(ctx, func(tx *Tx) error {
		var n NewSiteUser
		var expires, sent time.Time
		var used sql.NullTime
		err := tx.QueryRow(ctx, `SELECT expires_at, used_at, municipality_id, last_name, first_name, patronymic, phone, email, password_hash, created_at
			FROM registrations WHERE id = ?`, tokenID).
			Scan(&expires, &used, &n.MunicipalityID, &n.LastName, &n.FirstName, &n.Patronymic, &n.Phone, &n.Email, &n.PasswordHash, &sent)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return navigator.Errorf(navigator.KindInvalid, "Ссылка недействительна. Зарегистрируйтесь ещё раз.").WithCode("bad_link")
		case err != nil:
			return fmt.Errorf("registration: %w", err)
		case used.Valid:
			return navigator.Errorf(navigator.KindInvalid, "Эта ссылка больше не действует: по ней уже прошли или с этим адресом зарегистрировались ещё раз. Откройте ссылку из последнего письма или войдите.").WithCode("used_link")
		case tx.Now().After(expires):
			return navigator.Errorf(navigator.KindInvalid, "Срок действия ссылки истёк. Зарегистрируйтесь ещё раз.").WithCode("expired_link")
		}
		// Every sign-up of the address is spent, and its password hash
		// forgotten, whatever follows.
		if _, err := tx.Exec(ctx, "UPDATE registrations SET used_at = ?, password_hash = '' WHERE email = ?", tx.Now(), n.Email); err != nil {
			return fmt.Errorf("registration: %w", err)
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM site_users WHERE email = ?) + (SELECT count(*) FROM staff WHERE email = ?)",
			n.Email, n.Email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return navigator.Errorf(navigator.KindConflict, "С этим адресом уже есть учётная запись: войдите или восстановите пароль.").WithCode("duplicate")
		}
		id, err := tx.InsertID(ctx, `INSERT INTO site_users (municipality_id, last_name, first_name, patronymic, phone, email, password_hash,
				email_verified, resident_rf, consent_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, TRUE, ?, ?, ?)`,
			n.MunicipalityID, n.LastName, n.FirstName, n.Patronymic, n.Phone, n.Email, n.PasswordHash, sent, tx.Now(), tx.Now())
		if isUnique(err, "email") {
			return emailTaken()
		}
		if err != nil {
			return fmt.Errorf("create site user: %w", mapError(err))
		}
		if err := findSiteUser(ctx, tx, id, &u); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorRole: "parent", ActorID: id, Action: "site_user.registered", SubjectKind: "site_user", SubjectID: id})
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// EmailTaken reports whether a site user or a staff account has the address.
func (db *DB) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int
	if err := db.queryRow(ctx, "SELECT (SELECT count(*) FROM site_users WHERE email = ?) + (SELECT count(*) FROM staff WHERE email = ?)",
		email, email).Scan(&n); err != nil {
		return false, fmt.Errorf("email taken: %w", err)
	}
	return n > 0, nil
}

// MunicipalityExists refuses an unknown municipality as the field's error.
func (db *DB) MunicipalityExists(ctx context.Context, id int64) error {
	return db.View(ctx, func(tx *Tx) error { return municipalityExists(ctx, tx, id) })
}

// PurgeRegistrations forgets the sign-ups spent or expired a day ago.
func (db *DB) PurgeRegistrations(ctx context.Context) (int64, error) {
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		cutoff := tx.Now().Add(-24 * time.Hour)
		res, err := tx.Exec(ctx, "DELETE FROM registrations WHERE expires_at < ? OR used_at < ?", cutoff, cutoff)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("purge registrations: %w", err)
	}
	return n, nil
}

// RegistrationUsable reports whether a sign-up's link can still make the
// account.
func (db *DB) RegistrationUsable(ctx context.Context, id string) bool {
	var n int
	err := db.queryRow(ctx, "SELECT count(*) FROM registrations WHERE id = ? AND used_at IS NULL AND expires_at > ?", id, db.Now()).Scan(&n)
	return err == nil && n > 0
}
