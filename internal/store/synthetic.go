package store

import (
	"context"
	"fmt"
)

// GrowCatalog copies the published programs, with their modules, groups
// and schedules, until there are at least target of them: a synthetic
// catalog for load tests and benchmarks. Each copy is one transaction of
// many programs.
func (db *DB) GrowCatalog(ctx context.Context, target int) error {
	for {
		var n int
		if err := db.queryRow(ctx, "SELECT count(*) FROM programs WHERE status = 'published'").Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("grow catalog: no programs to copy")
		}
		if n >= target {
			return nil
		}
		if err := db.Update(ctx, func(tx *Tx) error { return copyPrograms(ctx, tx, min(n, target-n, 2000)) }); err != nil {
			return fmt.Errorf("grow catalog: %w", err)
		}
	}
}

func copyPrograms(ctx context.Context, tx *Tx, limit int) error {
	ids, err := tx.ids(ctx, "SELECT id FROM programs WHERE status = 'published' ORDER BY id LIMIT ?", limit)
	if err != nil {
		return err
	}
	for i, id := range ids {
		newID, err := tx.InsertID(ctx, `INSERT INTO programs (organization_id, municipality_id, title, description, direction, registry,
				age_from, age_to, form_of_study, ovz, address, status, published_at, created_at, updated_at)
			SELECT organization_id, municipality_id, title || ' (группа ' || ? || ')', description, direction, registry,
				age_from, age_to, form_of_study, ovz, address, status, published_at, created_at, updated_at FROM programs WHERE id = ?`,
			fmt.Sprint(i+1), id)
		if err != nil {
			return err
		}
		mids, err := tx.ids(ctx, "SELECT id FROM modules WHERE program_id = ?", id)
		if err != nil {
			return err
		}
		for _, m := range mids {
			nm, err := tx.InsertID(ctx, `INSERT INTO modules (program_id, name, hours, months, price, normative_cost, min_children, max_children)
				SELECT ?, name, hours, months, price, normative_cost, min_children, max_children FROM modules WHERE id = ?`, newID, m)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO groups (module_id, program_id, name, capacity, accepting, starts_on, ends_on, teacher)
				SELECT ?, ?, name, capacity, accepting, starts_on, ends_on, teacher FROM groups WHERE module_id = ?`, nm, newID, m); err != nil {
				return err
			}
		}
		if err := refreshProgram(ctx, tx, newID); err != nil {
			return err
		}
	}
	return nil
}
