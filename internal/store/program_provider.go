package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// ProviderPrograms lists an organization's programs in every status.
func (db *DB) ProviderPrograms(ctx context.Context, organizationID int64) ([]navigator.Program, error) {
	out := []navigator.Program{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+programColumns+` FROM programs p JOIN organizations o ON o.id = p.organization_id
			WHERE p.organization_id = ? ORDER BY p.id`, organizationID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p navigator.Program
			if err := scanProgram(rows, &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// ProviderProgram returns an organization's program in any status; any
// other program is not found.
func (db *DB) ProviderProgram(ctx context.Context, id, organizationID int64) (*navigator.Program, error) {
	var p navigator.Program
	err := db.View(ctx, func(tx *Tx) error {
		if err := findProgram(ctx, tx, id, false, &p); err != nil {
			return err
		}
		if p.OrganizationID != organizationID {
			return navigator.NotFound("Программа не найдена.")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func notCertified() error {
	return navigator.Invalid(navigator.FieldError{Field: "registry", Code: "not_certified",
		Message: "В реестр сертифицированных программа попадает после сертификации: отправьте её на сертификацию."})
}

// CreateProgram adds a provider's program with its modules. A new program
// cannot be in the certified registry: it gets there by certification.
func (db *DB) CreateProgram(ctx context.Context, organizationID int64, in navigator.ProgramInput, audit *AuditEntry) (int64, error) {
	if in.Registry == navigator.RegistryCertified {
		return 0, notCertified()
	}
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var mun int64
		if err := tx.QueryRow(ctx, "SELECT municipality_id FROM organizations WHERE id = ? AND is_provider = TRUE", organizationID).Scan(&mun); err != nil {
			return navigator.Errorf(navigator.KindForbidden, "Организация не ведёт программ.")
		}
		p := navigator.Program{OrganizationID: organizationID, MunicipalityID: mun, Title: in.Title, Description: in.Description,
			Direction: in.Direction, Registry: in.Registry, AgeFrom: in.AgeFrom, AgeTo: in.AgeTo, FormOfStudy: in.FormOfStudy,
			OVZ: in.OVZ, Address: in.Address, Status: in.Status}
		var err error
		if id, err = insertProgram(ctx, tx, &p); err != nil {
			return err
		}
		for _, m := range in.Modules {
			m.ProgramID = id
			if _, err := insertModule(ctx, tx, &m); err != nil {
				return err
			}
		}
		if err := refreshProgram(ctx, tx, id); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "program", id)
	})
	return id, err
}

// UpdateProgram changes a program: its fields and status, and its
// modules — a module with an id is rewritten (name, hours, months, price,
// normative cost, size), one without is added, one not named stays.
// Contracts already made keep the terms they were offered on.
func (db *DB) UpdateProgram(ctx context.Context, id, organizationID int64, in navigator.ProgramInput, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var org int64
		var status navigator.ProgramStatus
		err := tx.QueryRow(ctx, "SELECT organization_id, status FROM programs WHERE id = ?", id).Scan(&org, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
			return navigator.NotFound("Программа не найдена.")
		}
		if err != nil {
			return err
		}
		if in.Registry == navigator.RegistryCertified {
			ok, err := programCertified(ctx, tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return notCertified()
			}
		}
		var published any
		if in.Status == navigator.ProgramPublished && status != navigator.ProgramPublished {
			published = tx.Now()
		}
		if _, err := tx.Exec(ctx, `UPDATE programs SET title = ?, description = ?, direction = ?, registry = ?, age_from = ?, age_to = ?,
				form_of_study = ?, ovz = ?, address = ?, status = ?, published_at = COALESCE(?, published_at) WHERE id = ?`,
			in.Title, in.Description, in.Direction, string(in.Registry), in.AgeFrom, in.AgeTo, string(in.FormOfStudy), in.OVZ, in.Address,
			string(in.Status), published, id); err != nil {
			return fmt.Errorf("update program: %w", mapError(err))
		}
		for _, m := range in.Modules {
			m.ProgramID = id
			if m.ID == 0 {
				if _, err := insertModule(ctx, tx, &m); err != nil {
					return err
				}
				continue
			}
			res, err := tx.Exec(ctx, `UPDATE modules SET name = ?, hours = ?, months = ?, price = ?, normative_cost = ?, min_children = ?, max_children = ?
				WHERE id = ? AND program_id = ?`, m.Name, m.Hours, m.Months, int64(m.PricePerMonth), int64(m.NormativeCost), m.MinChildren, m.MaxChildren, m.ID, id)
			if err != nil {
				return fmt.Errorf("update module: %w", mapError(err))
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return navigator.NotFound("Модуль не найден.")
			}
		}
		if err := refreshProgram(ctx, tx, id); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "program", id)
	})
}

// CreateGroup adds a group to one of the program's modules (the first
// when none is named).
func (db *DB) CreateGroup(ctx context.Context, programID, organizationID int64, in navigator.GroupInput, audit *AuditEntry) (int64, error) {
	var id int64
	err := db.Update(ctx, func(tx *Tx) error {
		var org int64
		err := tx.QueryRow(ctx, "SELECT organization_id FROM programs WHERE id = ?", programID).Scan(&org)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
			return navigator.NotFound("Программа не найдена.")
		}
		if err != nil {
			return err
		}
		moduleID := in.ModuleID
		q, args := "SELECT id FROM modules WHERE program_id = ? ORDER BY id LIMIT 1", []any{programID}
		if moduleID != 0 {
			q, args = "SELECT id FROM modules WHERE program_id = ? AND id = ?", []any{programID, moduleID}
		}
		if err := tx.QueryRow(ctx, q, args...).Scan(&moduleID); err != nil {
			return navigator.Invalid(navigator.FieldError{Field: "module_id", Code: "not_found", Message: "У программы нет такого модуля."})
		}
		accepting := in.Accepting == nil || *in.Accepting
		g := navigator.Group{ModuleID: moduleID, ProgramID: programID, Name: in.Name, Capacity: in.Capacity, Accepting: accepting,
			StartsOn: in.StartsOn, EndsOn: in.EndsOn, Teacher: in.Teacher, Schedule: in.Schedule}
		if id, err = insertGroup(ctx, tx, &g); err != nil {
			return err
		}
		if err := refreshProgram(ctx, tx, programID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "group", id)
	})
	return id, err
}

// UpdateGroup changes a group. The capacity cannot go below the seats
// already taken (409); seats it adds go to the wait list in order.
func (db *DB) UpdateGroup(ctx context.Context, groupID, organizationID int64, in navigator.GroupInput, audit *AuditEntry) error {
	return db.Update(ctx, func(tx *Tx) error {
		var org, programID int64
		var taken, capacity int
		err := tx.QueryRow(ctx, `SELECT p.organization_id, g.program_id, g.seats_taken, g.capacity FROM groups g JOIN programs p ON p.id = g.program_id
			WHERE g.id = ?`, groupID).Scan(&org, &programID, &taken, &capacity)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && org != organizationID) {
			return navigator.NotFound("Группа не найдена.")
		}
		if err != nil {
			return err
		}
		if in.Capacity != 0 {
			if in.Capacity < taken {
				return &navigator.Error{Kind: navigator.KindConflict, Code: "capacity",
					Message: fmt.Sprintf("Мест не может быть меньше, чем уже занято: %d.", taken)}
			}
			if _, err := tx.Exec(ctx, "UPDATE groups SET capacity = ? WHERE id = ?", in.Capacity, groupID); err != nil {
				return mapError(err)
			}
			for i := taken; i < in.Capacity; i++ {
				promoted, err := promoteNext(ctx, tx, groupID)
				if err != nil {
					return err
				}
				if !promoted {
					break
				}
			}
		}
		if in.Name != "" {
			if _, err := tx.Exec(ctx, "UPDATE groups SET name = ? WHERE id = ?", in.Name, groupID); err != nil {
				return err
			}
		}
		if in.Accepting != nil {
			if _, err := tx.Exec(ctx, "UPDATE groups SET accepting = ? WHERE id = ?", *in.Accepting, groupID); err != nil {
				return err
			}
		}
		if in.Schedule != nil {
			if _, err := tx.Exec(ctx, "DELETE FROM group_schedule WHERE group_id = ?", groupID); err != nil {
				return err
			}
			for _, r := range in.Schedule {
				if _, err := tx.Exec(ctx, `INSERT INTO group_schedule (group_id, weekday, starts_at, ends_at, room, address) VALUES (?, ?, ?, ?, ?, ?)`,
					groupID, r.Weekday, r.Start, r.End, r.Room, r.Address); err != nil {
					return mapError(err)
				}
			}
		}
		if err := refreshProgram(ctx, tx, programID); err != nil {
			return err
		}
		return auditSubject(ctx, tx, audit, "group", groupID)
	})
}

// promoteNext gives a free seat of the group to its first wait-listed
// application; it reports false when the wait list is empty.
func promoteNext(ctx context.Context, tx *Tx, groupID int64) (bool, error) {
	var next int64
	err := tx.QueryRow(ctx, "SELECT id FROM applications WHERE group_id = ? AND status = 'waitlisted' ORDER BY id LIMIT 1", groupID).Scan(&next)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, "UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity", groupID); err != nil {
		return false, mapError(err)
	}
	return true, setStatus(ctx, tx, next, navigator.AppPending, "")
}
