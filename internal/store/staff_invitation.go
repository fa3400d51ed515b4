package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// InviteStaff creates a staff account without a password or a second
// factor and queues the letter with its one-time link, in one transaction
// with the audit entry. The account cannot sign in until the link is used.
func (db *DB) InviteStaff(ctx context.Context, s *navigator.Staff, invitedBy int64, t EmailToken, m Mail, audit *AuditEntry) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		if err := createStaff(ctx, tx, s, ""); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE staff SET invited_by = ? WHERE id = ?", nullID(invitedBy), s.ID); err != nil {
			return fmt.Errorf("invited by: %w", err)
		}
		t.SubjectID, t.Email, m.To = s.ID, s.Email, s.Email
		if err := queueToken(ctx, tx, t, m); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "staff", s.ID)
	})
}

// ReinviteStaff sends an account a new invitation link: its second
// factor, recovery codes and sessions are dropped and earlier links stop
// working, so whoever uses the new link sets a new password and factor.
func (db *DB) ReinviteStaff(ctx context.Context, staffID int64, t EmailToken, m Mail, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var email string
		var disabled sql.NullTime
		err := tx.QueryRow(ctx, "SELECT email, disabled_at FROM staff WHERE id = ?", staffID).Scan(&email, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.NotFound("Сотрудник не найден.")
		}
		if err != nil {
			return err
		}
		if disabled.Valid {
			return navigator.Errorf(navigator.KindConflict, "Учётная запись отключена: сначала включите её.")
		}
		for _, q := range []string{
			"UPDATE staff SET totp_secret = NULL, totp_enabled = FALSE WHERE id = ?",
			"DELETE FROM staff_recovery_codes WHERE staff_id = ?",
			"DELETE FROM sessions WHERE role <> 'parent' AND subject_id = ?",
		} {
			if _, err := tx.Exec(ctx, q, staffID); err != nil {
				return fmt.Errorf("reinvite: %w", err)
			}
		}
		if err := tx.sessionsChanged(ctx, staffChanged(staffID)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE email_tokens SET used_at = ? WHERE purpose = 'staff_invite' AND subject_id = ? AND used_at IS NULL",
			tx.Now(), staffID); err != nil {
			return fmt.Errorf("revoke links: %w", err)
		}
		t.SubjectID, t.Email, m.To = staffID, email, email
		if err := queueToken(ctx, tx, t, m); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "staff", staffID)
	})
}

// Invitation is an invitation link that may still be used.
type Invitation struct {
	StaffID  int64
	Email    string
	FullName string
	Role     navigator.Role
	Expires  time.Time
}

// PeekInvitation checks an invitation link without spending it.
func (db *DB) PeekInvitation(ctx context.Context, tokenID string) (*Invitation, error) {
	var inv Invitation
	var used sql.NullTime
	err := db.queryRow(ctx, `SELECT t.subject_id, t.email, t.expires_at, t.used_at, s.full_name, s.role
		FROM email_tokens t JOIN staff s ON s.id = t.subject_id
		WHERE t.id = ? AND t.purpose = 'staff_invite'`, tokenID).Scan(&inv.StaffID, &inv.Email, &inv.Expires, &used, &inv.FullName, &inv.Role)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, invitationError("bad_link")
	case err != nil:
		return nil, fmt.Errorf("invitation: %w", err)
	case used.Valid:
		return nil, invitationError("used_link")
	case db.Now().After(inv.Expires):
		return nil, invitationError("expired_link")
	}
	return &inv, nil
}

// invitationError words a refused invitation link for the invited person.
func invitationError(code string) error {
	msg := map[string]string{
		"bad_link":     "Ссылка приглашения недействительна. Попросите администратора прислать новое приглашение.",
		"used_link":    "Эта ссылка приглашения уже использована: учётная запись создана. Войдите с паролем и кодом или попросите администратора прислать новое приглашение.",
		"expired_link": "Срок действия приглашения истёк. Попросите администратора прислать новое приглашение.",
	}[code]
	return navigator.Errorf(navigator.KindInvalid, "%s", msg).WithCode(code)
}

// AcceptInvitation spends the link, sets the password and puts the
// pending second factor in force with the recovery codes, all at once; a
// link used twice or expired is refused and changes nothing.
func (db *DB) AcceptInvitation(ctx context.Context, tokenID, passwordHash string, step int64, codeHashes []string) (int64, error) {
	var staffID int64
	err := db.Update(ctx, func(tx *Tx) error {
		id, email, err := useToken(ctx, tx, tokenID, "staff_invite")
		if err != nil {
			var e *navigator.Error
			if errors.As(err, &e) && e.Code != "" {
				return invitationError(e.Code)
			}
			return err
		}
		var sealed []byte
		var disabled sql.NullTime
		var role string
		err = tx.QueryRow(ctx, "SELECT totp_secret, disabled_at, role FROM staff WHERE id = ? AND email = ?", id, email).Scan(&sealed, &disabled, &role)
		if errors.Is(err, sql.ErrNoRows) || disabled.Valid || len(sealed) == 0 {
			return invitationError("bad_link")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE staff SET password_hash = ? WHERE id = ?", passwordHash, id); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		staffID = id
		return enrollTOTP(ctx, tx, id, sealed, codeHashes, step,
			&AuditEntry{ActorRole: role, ActorID: id, Action: "staff.invitation_accepted"})
	})
	return staffID, err
}
