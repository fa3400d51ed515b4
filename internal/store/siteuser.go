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

const siteUserColumns = `u.id, u.municipality_id, u.last_name, u.first_name, u.patronymic, u.phone, u.email,
	u.email_verified, u.resident_rf, u.created_at`

func scanSiteUser(row interface{ Scan(...any) error }, u *navigator.SiteUser, extra ...any) error {
	var created time.Time
	if err := row.Scan(append([]any{&u.ID, &u.MunicipalityID, &u.LastName, &u.FirstName, &u.Patronymic, &u.Phone, &u.Email,
		&u.EmailVerified, &u.ResidentRF, &created}, extra...)...); err != nil {
		return err
	}
	u.CreatedAt = created.UTC()
	return nil
}

// NewSiteUser is a site user to create: by the parent online (ConsentAt)
// or by an operator with a paper consent (PaperConsentBy).
type NewSiteUser struct {
	navigator.SiteUserInput
	PasswordHash   string
	ConsentOnline  bool
	PaperConsentBy int64
	ResidentRF     bool
	EmailVerified  bool
}

// Letter is a one-time link and the letter that carries it.
type Letter struct {
	Token EmailToken
	Mail  Mail
}

// CreateSiteUser adds a site user. An e-mail taken by a site user or by
// staff is a conflict.
func (db *DB) CreateSiteUser(ctx context.Context, n NewSiteUser, audit *AuditEntry) (*navigator.SiteUser, error) {
	return db.RegisterSiteUser(ctx, n, nil, audit)
}

// RegisterSiteUser adds a site user and, in the same transaction, the
// letter with the link to confirm the e-mail.
func (db *DB) RegisterSiteUser(ctx context.Context, n NewSiteUser, letter *Letter, audit *AuditEntry) (*navigator.SiteUser, error) {
	var u navigator.SiteUser
	err := db.Update(ctx, func(tx *Tx) error {
		if err := municipalityExists(ctx, tx, n.MunicipalityID); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM site_users WHERE email = ?) + (SELECT count(*) FROM staff WHERE email = ?)",
			n.Email, n.Email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return emailTaken()
		}
		var consent any
		if n.ConsentOnline {
			consent = tx.Now()
		}
		id, err := tx.InsertID(ctx, `INSERT INTO site_users (municipality_id, last_name, first_name, patronymic, phone, email, password_hash,
				email_verified, resident_rf, consent_at, paper_consent_by, created_by_staff_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			n.MunicipalityID, n.LastName, n.FirstName, n.Patronymic, n.Phone, n.Email, n.PasswordHash, n.EmailVerified, n.ResidentRF,
			consent, nullID(n.PaperConsentBy), nullID(n.PaperConsentBy), tx.Now(), tx.Now())
		if isUnique(err, "email") {
			return emailTaken()
		}
		if err != nil {
			return fmt.Errorf("create site user: %w", mapError(err))
		}
		if err := findSiteUser(ctx, tx, id, &u); err != nil {
			return err
		}
		if letter != nil {
			letter.Token.SubjectID = id
			if err := queueToken(ctx, tx, letter.Token, letter.Mail); err != nil {
				return err
			}
		}
		return auditSubject(ctx, tx, audit, "site_user", id)
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func emailTaken() error {
	return &navigator.Error{Kind: navigator.KindConflict, Code: "duplicate", Message: "Этот адрес электронной почты уже зарегистрирован.",
		Fields: []navigator.FieldError{{Field: "email", Code: "taken", Message: "Этот адрес электронной почты уже зарегистрирован."}}}
}

func municipalityExists(ctx context.Context, tx *Tx, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM municipalities WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return navigator.Invalid(navigator.FieldError{Field: "municipality_id", Code: "not_found", Message: "Такого муниципалитета нет."})
	}
	return nil
}

func findSiteUser(ctx context.Context, tx *Tx, id int64, u *navigator.SiteUser) error {
	err := scanSiteUser(tx.QueryRow(ctx, "SELECT "+siteUserColumns+" FROM site_users u WHERE u.id = ?", id), u)
	if errors.Is(err, sql.ErrNoRows) {
		return navigator.NotFound("Пользователь не найден.")
	}
	if err != nil {
		return fmt.Errorf("site user %d: %w", id, err)
	}
	return nil
}

// UpdateSiteUser saves the user card «Основные» in one transaction with
// its audit entry.
func (db *DB) UpdateSiteUser(ctx context.Context, u *navigator.SiteUser, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := municipalityExists(ctx, tx, u.MunicipalityID); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT (SELECT count(*) FROM site_users WHERE email = ? AND id <> ?) + (SELECT count(*) FROM staff WHERE email = ?)",
			u.Email, u.ID, u.Email).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return emailTaken()
		}
		res, err := tx.Exec(ctx, `UPDATE site_users SET municipality_id = ?, last_name = ?, first_name = ?, patronymic = ?, phone = ?,
				email = ?, email_verified = ?, resident_rf = ?, updated_at = ? WHERE id = ?`,
			u.MunicipalityID, u.LastName, u.FirstName, u.Patronymic, u.Phone, u.Email, u.EmailVerified, u.ResidentRF, tx.Now(), u.ID)
		if err != nil {
			return fmt.Errorf("update site user: %w", mapError(err))
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return navigator.NotFound("Пользователь не найден.")
		}
		if err := tx.sessionsChanged(ctx, parentChanged(u.ID)); err != nil { // the municipality may have moved
			return err
		}
		return auditSubject(ctx, tx, audit, "site_user", u.ID)
	})
}

// SiteUserFilter searches site users.
type SiteUserFilter struct {
	Query          string // e-mail, phone, surname or certificate number
	MunicipalityID int64  // 0: every municipality
	Page, PerPage  int
}

// SiteUserRow is a line of «Пользователи сайта».
type SiteUserRow struct {
	navigator.SiteUser
	Children int `json:"children"`
}

// SearchSiteUsers finds site users by part of an e-mail, a phone in any
// spelling, «Фамилия Имя Отчество» or its start in any case (ё as е), or
// a child's certificate number (navigator.ParsePeopleQuery).
func (db *DB) SearchSiteUsers(ctx context.Context, f SiteUserFilter) ([]SiteUserRow, int, error) {
	p := navigator.PageOf(f.Page, f.PerPage, navigator.DefaultPerPage)
	f.Page, f.PerPage = p.Page, p.PerPage
	where, args := []string{"1 = 1"}, []any{}
	if f.MunicipalityID != 0 {
		where, args = append(where, "u.municipality_id = ?"), append(args, f.MunicipalityID)
	}
	pq := navigator.ParsePeopleQuery(f.Query)
	var alts []string
	if pq.Phone != "" {
		alts, args = append(alts, "u.phone = ?"), append(args, pq.Phone)
	}
	if pq.Certificate != "" {
		alts = append(alts, "u.id IN (SELECT c.site_user_id FROM children c JOIN certificates s ON s.child_id = c.id WHERE s.number = ?)")
		args = append(args, pq.Certificate)
	}
	if pq.Email != "" {
		alts, args = append(alts, "u.email LIKE ?"), append(args, likeAnywhere(pq.Email))
	}
	if len(alts) > 0 {
		where = append(where, "("+strings.Join(alts, " OR ")+")")
	}
	for i, name := range pq.Names {
		col := [3]string{"u.last_name", "u.first_name", "u.patronymic"}[i]
		where, args = append(where, "replace("+db.lower(col)+", 'ё', 'е') LIKE ?"), append(args, likePrefix(name))
	}
	cond := strings.Join(where, " AND ")
	sqlq := `SELECT ` + siteUserColumns + `, (SELECT count(*) FROM children c WHERE c.site_user_id = u.id AND c.deleted = FALSE), count(*) OVER ()
		FROM site_users u WHERE ` + cond + ` ORDER BY u.id DESC LIMIT ? OFFSET ?`
	countArgs := args
	args = append(append([]any{}, args...), f.PerPage, (f.Page-1)*f.PerPage)
	var out []SiteUserRow
	total := 0
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, sqlq, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r SiteUserRow
			if err := scanSiteUser(rows, &r.SiteUser, &r.Children, &total); err != nil {
				return err
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil || len(out) > 0 || f.Page == 1 {
			return err
		}
		// A page past the end still says how many there are.
		return tx.QueryRow(ctx, "SELECT count(*) FROM site_users u WHERE "+cond, countArgs...).Scan(&total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("search site users: %w", err)
	}
	return out, total, nil
}

// lower folds Cyrillic case on both engines.
func (db *DB) lower(expr string) string {
	if db.engine == SQLite {
		return "ru_lower(" + expr + ")"
	}
	return "lower(" + expr + ")"
}

// likePrefix escapes a LIKE pattern and matches from the start.
func likePrefix(s string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(s) + "%"
}

// likeAnywhere escapes a LIKE pattern and matches anywhere.
func likeAnywhere(s string) string { return "%" + likePrefix(s) }

// SiteUser returns a site user.
func (db *DB) SiteUser(ctx context.Context, id int64) (*navigator.SiteUser, error) {
	var u navigator.SiteUser
	if err := db.View(ctx, func(tx *Tx) error { return findSiteUser(ctx, tx, id, &u) }); err != nil {
		return nil, err
	}
	return &u, nil
}

// SetPassword replaces a site user's password hash.
func (db *DB) SetPassword(ctx context.Context, siteUserID int64, hash string) error {
	return db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE site_users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, tx.Now(), siteUserID); err != nil {
			return err
		}
		return audit(ctx, tx, AuditEntry{ActorRole: "parent", ActorID: siteUserID, Action: "password.change", SubjectKind: "site_user", SubjectID: siteUserID})
	})
}
