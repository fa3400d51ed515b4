package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"navigator"
)

// StaffRow is a line of «Сотрудники».
type StaffRow struct {
	navigator.Staff
	Organization string `json:"organization,omitempty"`
	Municipality string `json:"municipality,omitempty"`
	Invited      bool   `json:"invited"`  // no password yet: the invitation is not accepted
	Sessions     int    `json:"sessions"` // live sessions
}

// StaffFilter selects staff accounts: MunicipalityID 0 means the region.
type StaffFilter struct {
	MunicipalityID int64
	Query          string
}

// staffMunicipality is the municipality an account belongs to, directly or
// through its organization.
const staffMunicipality = "COALESCE(s.municipality_id, o.municipality_id)"

// StaffList lists staff accounts, newest first.
func (db *DB) StaffList(ctx context.Context, f StaffFilter) ([]StaffRow, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.MunicipalityID != 0 {
		where, args = append(where, staffMunicipality+" = ?"), append(args, f.MunicipalityID)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		esc := strings.NewReplacer("%", "", "_", "").Replace(strings.ToLower(q))
		where = append(where, "(s.email LIKE ? OR "+db.lower("s.full_name")+" LIKE ?)")
		args = append(args, esc+"%", "%"+esc+"%")
	}
	args = append([]any{db.Now()}, args...)
	q := `SELECT s.id, s.email, s.full_name, s.phone, s.role, COALESCE(s.organization_id, 0), COALESCE(` + staffMunicipality + `, 0),
			s.totp_enabled, s.disabled_at IS NOT NULL, s.created_at, COALESCE(o.name, ''), COALESCE(m.name, ''), s.password_hash = '',
			(SELECT count(*) FROM sessions x WHERE x.role <> 'parent' AND x.subject_id = s.id AND x.expires_at > ?)
		FROM staff s LEFT JOIN organizations o ON o.id = s.organization_id
		LEFT JOIN municipalities m ON m.id = ` + staffMunicipality + `
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY s.id DESC LIMIT 500`
	var out []StaffRow
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r StaffRow
			if err := rows.Scan(&r.ID, &r.Email, &r.FullName, &r.Phone, &r.Role, &r.OrganizationID, &r.MunicipalityID,
				&r.TOTPEnabled, &r.Disabled, &r.CreatedAt, &r.Organization, &r.Municipality, &r.Invited, &r.Sessions); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("staff list: %w", err)
	}
	return out, nil
}

// StaffPlace is the account's municipality (directly or through its
// organization), for scope checks; 0 for a regional admin.
func (db *DB) StaffPlace(ctx context.Context, id int64) (role navigator.Role, municipalityID int64, err error) {
	err = db.queryRow(ctx, `SELECT s.role, COALESCE(`+staffMunicipality+`, 0) FROM staff s
		LEFT JOIN organizations o ON o.id = s.organization_id WHERE s.id = ?`, id).Scan(&role, &municipalityID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, navigator.NotFound("Сотрудник не найден.")
	}
	return role, municipalityID, err
}

// StaffSession is a signed-in session of a staff account, named by a
// short reference (the start of its hash), never by the token.
type StaffSession struct {
	Ref        string    `json:"ref"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
}

// SessionRefLen is how many hex digits of a session's ID name it.
const SessionRefLen = 16

// StaffSessions lists the live sessions of a staff account.
func (db *DB) StaffSessions(ctx context.Context, staffID int64) ([]StaffSession, error) {
	out := []StaffSession{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, created_at, last_seen_at, ip, user_agent FROM sessions
			WHERE role <> 'parent' AND subject_id = ? AND expires_at > ? ORDER BY created_at DESC`, staffID, tx.Now())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s StaffSession
			var id string
			if err := rows.Scan(&id, &s.CreatedAt, &s.LastSeenAt, &s.IP, &s.UserAgent); err != nil {
				return err
			}
			s.Ref, s.CreatedAt, s.LastSeenAt = id[:SessionRefLen], s.CreatedAt.UTC(), s.LastSeenAt.UTC()
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("staff sessions: %w", err)
	}
	return out, nil
}

// EndStaffSession ends one session of a staff account by its reference.
func (db *DB) EndStaffSession(ctx context.Context, staffID int64, ref string, audit *AuditEntry) error {
	if len(ref) != SessionRefLen || strings.Trim(ref, "0123456789abcdef") != "" {
		return navigator.NotFound("Сеанс не найден.")
	}
	return db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE role <> 'parent' AND subject_id = ? AND substr(id, 1, 16) = ?", staffID, ref)
		if err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.NotFound("Сеанс не найден: возможно, он уже завершён.")
		}
		if err := tx.sessionsChanged(ctx, staffChanged(staffID)); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "staff", staffID)
	})
}

// SetStaffDisabled turns an account off or on. Turning it off ends all
// its sessions in the same transaction.
func (db *DB) SetStaffDisabled(ctx context.Context, staffID int64, disabled bool, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var at any
		if disabled {
			at = tx.Now()
		}
		res, err := tx.Exec(ctx, "UPDATE staff SET disabled_at = ? WHERE id = ?", at, staffID)
		if err != nil {
			return fmt.Errorf("disable staff: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.NotFound("Сотрудник не найден.")
		}
		if disabled {
			if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE role <> 'parent' AND subject_id = ?", staffID); err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
		}
		if err := tx.sessionsChanged(ctx, staffChanged(staffID)); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "staff", staffID)
	})
}
