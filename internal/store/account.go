package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"navigator"
)

// Credentials is what signing in needs of an account.
type Credentials struct {
	Role           navigator.Role
	ID             int64
	PasswordHash   string
	TOTPSecret     []byte // sealed
	TOTPEnabled    bool
	Disabled       bool
	OrganizationID int64
	MunicipalityID int64
}

// CreateStaff adds a staff account with a password hash.
func (db *DB) CreateStaff(ctx context.Context, s *navigator.Staff, passwordHash string) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error { return createStaff(ctx, tx, s, passwordHash) })
}

// createStaff is CreateStaff inside tx.
func createStaff(ctx context.Context, tx *Tx, s *navigator.Staff, passwordHash string) error {
	email, _ := navigator.NormalizeEmail(s.Email)
	if s.OrganizationID != 0 {
		var provider, office bool
		err := tx.QueryRow(ctx, "SELECT is_provider, is_certificate_office FROM organizations WHERE id = ?", s.OrganizationID).Scan(&provider, &office)
		if errors.Is(err, sql.ErrNoRows) {
			return navigator.Invalid(navigator.FieldError{Field: "organization", Code: "not_found", Message: "Организация не найдена."})
		} else if err != nil {
			return err
		}
		if s.Role == navigator.RoleOperator && !office {
			return navigator.Invalid(navigator.FieldError{Field: "organization", Code: "not_office", Message: "Эта организация не уполномочена выдавать сертификаты."})
		}
		if s.Role == navigator.RoleProvider && !provider {
			return navigator.Invalid(navigator.FieldError{Field: "organization", Code: "not_provider", Message: "Эта организация не ведёт программ."})
		}
	}
	if s.MunicipalityID != 0 {
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM municipalities WHERE id = ?", s.MunicipalityID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return navigator.Invalid(navigator.FieldError{Field: "municipality", Code: "not_found", Message: "Муниципалитет не найден."})
		}
	}
	var taken int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM site_users WHERE email = ?", email).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return navigator.Errorf(navigator.KindConflict, "Этот адрес электронной почты занят пользователем сайта: у сотрудника должен быть свой.").WithCode("duplicate")
	}
	id, err := tx.InsertID(ctx, `INSERT INTO staff (email, full_name, phone, role, organization_id, municipality_id, password_hash, totp_secret, totp_enabled, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		email, s.FullName, s.Phone, string(s.Role), nullID(s.OrganizationID), nullID(s.MunicipalityID), passwordHash, nil, false, tx.Now())
	if isUnique(err, "email") {
		return navigator.Errorf(navigator.KindConflict, "Сотрудник с таким адресом электронной почты уже есть.").WithCode("duplicate")
	}
	if err != nil {
		return fmt.Errorf("create staff: %w", mapError(err))
	}
	s.ID, s.Email, s.CreatedAt = id, email, tx.Now()
	return nil
}

// CredentialsByEmail finds the account signing in with the e-mail: staff
// first, then site users. It returns a not-found error for neither.
func (db *DB) CredentialsByEmail(ctx context.Context, email string) (*Credentials, error) {
	var c Credentials
	var disabled sql.NullTime
	var org, mun sql.NullInt64
	err := db.queryRow(ctx, `SELECT s.id, s.role, s.password_hash, s.totp_secret, s.totp_enabled, s.disabled_at,
			s.organization_id, COALESCE(s.municipality_id, o.municipality_id)
		FROM staff s LEFT JOIN organizations o ON o.id = s.organization_id WHERE s.email = ?`, email).
		Scan(&c.ID, &c.Role, &c.PasswordHash, &c.TOTPSecret, &c.TOTPEnabled, &disabled, &org, &mun)
	if err == nil {
		c.Disabled, c.OrganizationID, c.MunicipalityID = disabled.Valid, org.Int64, mun.Int64
		return &c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find staff: %w", err)
	}
	err = db.queryRow(ctx, `SELECT id, password_hash, totp_secret, totp_enabled, municipality_id
		FROM site_users WHERE email = ?`, email).Scan(&c.ID, &c.PasswordHash, &c.TOTPSecret, &c.TOTPEnabled, &mun)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Учётная запись не найдена.")
	}
	if err != nil {
		return nil, fmt.Errorf("find site user: %w", err)
	}
	c.Role, c.MunicipalityID = navigator.RoleParent, mun.Int64
	return &c, nil
}

// actorColumns and actorJoins read what an actor is made of, for a
// subject aliased s with its role and subject_id: a parent's municipality,
// or a staff member's role, organization, municipality (its own, or its
// organization's) and whether the account is disabled. ActorOf and
// SessionActor share them, so who may act is decided in one place.
const (
	actorColumns = `u.id, u.municipality_id, st.id, st.role, st.organization_id, COALESCE(st.municipality_id, o.municipality_id), st.disabled_at`
	actorJoins   = `LEFT JOIN site_users u ON s.role = 'parent' AND u.id = s.subject_id
		LEFT JOIN staff st ON s.role <> 'parent' AND st.id = s.subject_id
		LEFT JOIN organizations o ON o.id = st.organization_id`
)

// actorRow is what actorColumns read.
type actorRow struct {
	parent, parentMun, staff, staffOrg, staffMun sql.NullInt64
	staffRole                                    sql.NullString
	disabled                                     sql.NullTime
}

func (r *actorRow) dest() []any {
	return []any{&r.parent, &r.parentMun, &r.staff, &r.staffRole, &r.staffOrg, &r.staffMun, &r.disabled}
}

// actor is the actor of the subject, or false when its account is gone
// or disabled.
func (r *actorRow) actor(role navigator.Role, id int64) (navigator.Actor, bool) {
	a := navigator.Actor{Role: role, ID: id}
	switch {
	case role == navigator.RoleParent && r.parent.Valid:
		a.MunicipalityID = r.parentMun.Int64
	case role != navigator.RoleParent && r.staff.Valid && !r.disabled.Valid:
		a.Role, a.OrganizationID, a.MunicipalityID = navigator.Role(r.staffRole.String), r.staffOrg.Int64, r.staffMun.Int64
	default:
		return navigator.Anonymous, false
	}
	return a, true
}

// ActorOf returns the actor behind a session's subject, or a not-found
// error when the account is gone or disabled.
func (db *DB) ActorOf(ctx context.Context, role navigator.Role, id int64) (navigator.Actor, error) {
	var row actorRow
	err := db.queryRow(ctx, `SELECT `+actorColumns+` FROM (SELECT CAST(? AS TEXT) AS role, CAST(? AS BIGINT) AS subject_id) s `+actorJoins,
		string(role), id).Scan(row.dest()...)
	if err != nil {
		return navigator.Anonymous, fmt.Errorf("actor: %w", err)
	}
	a, ok := row.actor(role, id)
	if !ok {
		return a, navigator.NotFound("Учётная запись не найдена.")
	}
	return a, nil
}

// Staff returns a staff account.
func (db *DB) Staff(ctx context.Context, id int64) (*navigator.Staff, error) {
	var s navigator.Staff
	var disabled sql.NullTime
	var org, mun sql.NullInt64
	var created time.Time
	err := db.queryRow(ctx, `SELECT id, email, full_name, phone, role, organization_id, municipality_id, totp_enabled, disabled_at, created_at
		FROM staff WHERE id = ?`, id).Scan(&s.ID, &s.Email, &s.FullName, &s.Phone, &s.Role, &org, &mun, &s.TOTPEnabled, &disabled, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Сотрудник не найден.")
	}
	if err != nil {
		return nil, fmt.Errorf("staff %d: %w", id, err)
	}
	s.OrganizationID, s.MunicipalityID, s.Disabled, s.CreatedAt = org.Int64, mun.Int64, disabled.Valid, created.UTC()
	return &s, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
