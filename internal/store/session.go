package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// CreateSession stores a new session. s.ID is the token's hash.
func (db *DB) CreateSession(ctx context.Context, s *navigator.Session) error {
	return db.Update(ctx, func(tx *Tx) error {
		now := tx.Now()
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = now, now, now.Add(navigator.SessionAbsolute)
		_, err := tx.Exec(ctx, `INSERT INTO sessions (id, role, subject_id, created_at, last_seen_at, expires_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, string(s.Role), s.SubjectID, now, now, s.ExpiresAt, s.IP, s.UserAgent)
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
}

// touchEvery is how stale last_seen_at may get before a request marks it
// (touch.go): most requests then only read.
const touchEvery = time.Minute

// SessionActor returns a live session by its ID, marks it seen, and says
// who holds it, in one query: it runs on every request. An expired or idle
// session, or one whose account is gone or disabled, is deleted and
// reported as unauthorized.
func (db *DB) SessionActor(ctx context.Context, id string) (*navigator.Session, navigator.Actor, error) {
	now := db.Now()
	if s, a, ok := db.sessions.get(id, now); ok {
		db.takeMark(&s)
		if s.Alive(now) {
			db.markIfDue(&s, now)
			return &s, a, nil
		}
		// Expired or idle as far as this server knows: the database decides.
	}
	gen := db.sessions.begin()
	var s navigator.Session
	var created, seen, expires time.Time
	var row actorRow
	err := db.queryRow(ctx, `SELECT s.id, s.role, s.subject_id, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent, `+actorColumns+`
		FROM sessions s `+actorJoins+` WHERE s.id = ?`, id).
		Scan(append([]any{&s.ID, &s.Role, &s.SubjectID, &created, &seen, &expires, &s.IP, &s.UserAgent}, row.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.Anonymous, navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	if err != nil {
		return nil, navigator.Anonymous, fmt.Errorf("session: %w", err)
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = created.UTC(), seen.UTC(), expires.UTC()
	db.takeMark(&s)
	a, ok := row.actor(s.Role, s.SubjectID)
	if !ok {
		_ = db.DeleteSession(ctx, id)
		return nil, navigator.Anonymous, navigator.Errorf(navigator.KindUnauthorized, "Войдите в систему.")
	}
	now = db.Now()
	if !s.Alive(now) {
		_ = db.DeleteSession(ctx, id)
		return nil, navigator.Anonymous, navigator.Errorf(navigator.KindUnauthorized, "Сеанс завершён: вы долго не работали. Войдите снова.")
	}
	db.markIfDue(&s, now)
	db.sessions.put(gen, s, a, now)
	return &s, a, nil
}

// takeMark brings in a mark of s being seen that is not written yet.
func (db *DB) takeMark(s *navigator.Session) {
	if at, ok := db.lastSeen(s.ID); ok && at.After(s.LastSeenAt) {
		s.LastSeenAt = at
	}
}

// markIfDue marks s seen at now when touchEvery has passed since its
// last mark, in memory and in its kept answer.
func (db *DB) markIfDue(s *navigator.Session, now time.Time) {
	if now.Sub(s.LastSeenAt) >= touchEvery {
		db.markSeen(s.ID, now)
		db.sessions.touch(s.ID, now)
		s.LastSeenAt = now
	}
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE id = ?", id); err != nil {
			return err
		}
		return tx.sessionsChanged(ctx, sessionEnded(id))
	})
}

// DeleteSessionsOf ends every session of an account except keep.
func (db *DB) DeleteSessionsOf(ctx context.Context, role navigator.Role, subjectID int64, keep string) error {
	return db.Update(ctx, func(tx *Tx) error {
		q, ch := "DELETE FROM sessions WHERE subject_id = ? AND ", staffChanged(subjectID)
		if role == navigator.RoleParent {
			q, ch = q+"role = 'parent'", parentChanged(subjectID)
		} else {
			q += "role <> 'parent'"
		}
		if _, err := tx.Exec(ctx, q+" AND id <> ?", subjectID, keep); err != nil {
			return err
		}
		return tx.sessionsChanged(ctx, ch)
	})
}

// DeleteExpiredSessions removes sessions past their lifetime.
func (db *DB) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	// A session seen lately may not have its mark written yet.
	if err := db.flushTouches(ctx); err != nil {
		return 0, err
	}
	var n int64
	err := db.Update(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sessions WHERE expires_at < ? OR last_seen_at < ?", tx.Now(), tx.Now().Add(-navigator.SessionIdle))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
