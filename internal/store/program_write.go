package store

import (
	"context"
	"fmt"
	"strings"

	"navigator"
	"navigator/internal/ru"
)

// insertProgram adds a program without modules; refreshProgram must follow
// once its modules and groups are in.
func insertProgram(ctx context.Context, tx *Tx, p *navigator.Program) (int64, error) {
	var published any
	if p.Status == navigator.ProgramPublished {
		published = tx.Now()
	}
	id, err := tx.InsertID(ctx, `INSERT INTO programs (organization_id, municipality_id, title, description, direction,
			registry, age_from, age_to, form_of_study, ovz, address, status, published_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.OrganizationID, p.MunicipalityID, p.Title, p.Description, p.Direction, string(p.Registry), p.AgeFrom, p.AgeTo,
		string(p.FormOfStudy), p.OVZ, p.Address, string(p.Status), published, tx.Now(), tx.Now())
	if err != nil {
		return 0, fmt.Errorf("insert program: %w", mapError(err))
	}
	return id, nil
}

func insertModule(ctx context.Context, tx *Tx, m *navigator.Module) (int64, error) {
	id, err := tx.InsertID(ctx, `INSERT INTO modules (program_id, name, hours, months, price, normative_cost, min_children, max_children)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ProgramID, m.Name, m.Hours, m.Months, int64(m.PricePerMonth), int64(m.NormativeCost), m.MinChildren, m.MaxChildren)
	if err != nil {
		return 0, fmt.Errorf("insert module: %w", mapError(err))
	}
	return id, nil
}

func insertGroup(ctx context.Context, tx *Tx, g *navigator.Group) (int64, error) {
	id, err := tx.InsertID(ctx, `INSERT INTO groups (module_id, program_id, name, capacity, accepting, starts_on, ends_on, teacher)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		g.ModuleID, g.ProgramID, g.Name, g.Capacity, g.Accepting, g.StartsOn, g.EndsOn, g.Teacher)
	if err != nil {
		return 0, fmt.Errorf("insert group: %w", mapError(err))
	}
	for _, r := range g.Schedule {
		if _, err := tx.Exec(ctx, `INSERT INTO group_schedule (group_id, weekday, starts_at, ends_at, room, address)
			VALUES (?, ?, ?, ?, ?, ?)`, id, r.Weekday, r.Start, r.End, r.Room, r.Address); err != nil {
			return 0, fmt.Errorf("insert schedule: %w", mapError(err))
		}
	}
	return id, nil
}

// searchTokens is what the full-text index keeps of a text: its stems and
// words, space-separated.
func searchTokens(texts ...string) string {
	return strings.Join(ru.IndexTokens(strings.Join(texts, " ")), " ")
}

// refreshProgram recomputes what the catalog keeps derived from a program's
// modules and groups, and its search index entry.
func refreshProgram(ctx context.Context, tx *Tx, id int64) error {
	var title, description, org string
	if err := tx.QueryRow(ctx, `SELECT p.title, p.description, o.name FROM programs p
		JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`, id).Scan(&title, &description, &org); err != nil {
		return fmt.Errorf("refresh program %d: %w", id, mapError(err))
	}
	titleTokens, bodyTokens := searchTokens(title), searchTokens(org, description)
	if _, err := tx.Exec(ctx, `UPDATE programs SET
			min_price = COALESCE((SELECT min(price) FROM modules WHERE program_id = ?), 0),
			min_normative = COALESCE((SELECT min(normative_cost) FROM modules WHERE program_id = ?), 0),
			seats_left = `+programFreeSeats+`,
			search_title = ?, search_text = ?, updated_at = ?
		WHERE id = ?`, id, id, titleTokens, bodyTokens, tx.Now(), id); err != nil {
		return fmt.Errorf("refresh program %d: %w", id, mapError(err))
	}
	if tx.engine == SQLite {
		if _, err := tx.Exec(ctx, "DELETE FROM programs_fts WHERE rowid = ?", id); err != nil {
			return fmt.Errorf("refresh search of %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO programs_fts (rowid, search_title, search_text) VALUES (?, ?, ?)", id, titleTokens, bodyTokens); err != nil {
			return fmt.Errorf("refresh search of %d: %w", id, err)
		}
	}
	return nil
}

// programFreeSeats is the free seats of the program being updated: the
// seats left in its accepting groups.
const programFreeSeats = `COALESCE((SELECT sum(g.capacity - g.seats_taken) FROM groups g WHERE g.program_id = programs.id AND g.accepting = TRUE), 0)`

// refreshSeats recounts the free seats the catalog shows for a program:
// the light part of refreshProgram that an application or a withdrawal
// changes.
func refreshSeats(ctx context.Context, tx *Tx, id int64) error {
	if _, err := tx.Exec(ctx, `UPDATE programs SET seats_left = `+programFreeSeats+` WHERE id = ?`, id); err != nil {
		return fmt.Errorf("refresh seats of %d: %w", id, err)
	}
	return nil
}
