package store

import (
	"context"
	"fmt"
	"time"

	"navigator"
)

// ProgramMark is a program in a parent's «ИСТОРИЯ ПРОСМОТРОВ» or «ОТЛОЖЕНО».
type ProgramMark struct {
	Program navigator.Program `json:"program"`
	Rank    int               `json:"rank,omitempty"`
	At      time.Time         `json:"at"`
}

// RecordView notes that a parent opened a program page.
func (db *DB) RecordView(ctx context.Context, siteUserID, programID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO program_views (site_user_id, program_id, viewed_at) VALUES (?, ?, ?)
			ON CONFLICT (site_user_id, program_id) DO UPDATE SET viewed_at = excluded.viewed_at`, siteUserID, programID, tx.Now())
		return err
	})
}

func (db *DB) marks(ctx context.Context, q string, siteUserID int64) ([]ProgramMark, error) {
	out := []ProgramMark{}
	err := db.View(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+programColumns+", m.rank, m.at FROM ("+q+`) m
			JOIN programs p ON p.id = m.program_id JOIN organizations o ON o.id = p.organization_id ORDER BY m.rank, m.at DESC`, siteUserID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m ProgramMark
			if err := scanProgram(rows, &m.Program, &m.Rank, &m.At); err != nil {
				return err
			}
			m.At = m.At.UTC()
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("program marks: %w", err)
	}
	return out, nil
}

// Views returns the programs a parent saw, newest first.
func (db *DB) Views(ctx context.Context, siteUserID int64) ([]ProgramMark, error) {
	return db.marks(ctx, "SELECT program_id, 0 AS rank, viewed_at AS at FROM program_views WHERE site_user_id = ?", siteUserID)
}

// Deferred returns the programs a parent put aside, by the parent's rank.
func (db *DB) Deferred(ctx context.Context, siteUserID int64) ([]ProgramMark, error) {
	return db.marks(ctx, "SELECT program_id, rank, created_at AS at FROM deferred_programs WHERE site_user_id = ?", siteUserID)
}

// PutDeferred puts a program aside at the rank (1 is the most wanted),
// moving the others down; rank 0 puts a new one last and leaves one
// already there in its place. Ranks stay 1…n.
func (db *DB) PutDeferred(ctx context.Context, siteUserID, programID int64, rank int) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := publishedProgram(ctx, tx, programID); err != nil {
			return err
		}
		ids, err := deferredIDs(ctx, tx, siteUserID)
		if err != nil {
			return err
		}
		for i, id := range ids {
			if id == programID {
				if rank <= 0 {
					return nil // put aside again without a rank: it keeps its place
				}
				ids = append(ids[:i], ids[i+1:]...)
				break
			}
		}
		if rank <= 0 || rank > len(ids)+1 {
			rank = len(ids) + 1
		}
		ids = append(ids[:rank-1], append([]int64{programID}, ids[rank-1:]...)...)
		return writeRanks(ctx, tx, siteUserID, ids)
	})
}

// DeleteDeferred takes a program off the list.
func (db *DB) DeleteDeferred(ctx context.Context, siteUserID, programID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		ids, err := deferredIDs(ctx, tx, siteUserID)
		if err != nil {
			return err
		}
		kept := ids[:0]
		found := false
		for _, id := range ids {
			if id == programID {
				found = true
				continue
			}
			kept = append(kept, id)
		}
		if !found {
			return navigator.NotFound("Этой программы нет среди отложенных.")
		}
		if _, err := tx.Exec(ctx, "DELETE FROM deferred_programs WHERE site_user_id = ? AND program_id = ?", siteUserID, programID); err != nil {
			return err
		}
		return writeRanks(ctx, tx, siteUserID, kept)
	})
}

func publishedProgram(ctx context.Context, tx *Tx, id int64) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM programs WHERE id = ? AND status = 'published'", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return navigator.NotFound("Программа не найдена.")
	}
	return nil
}

func deferredIDs(ctx context.Context, tx *Tx, siteUserID int64) ([]int64, error) {
	return tx.ids(ctx, "SELECT program_id FROM deferred_programs WHERE site_user_id = ? ORDER BY rank, created_at", siteUserID)
}

// writeRanks stores the order as ranks 1…n.
func writeRanks(ctx context.Context, tx *Tx, siteUserID int64, ids []int64) error {
	for i, id := range ids {
		if _, err := tx.Exec(ctx, `INSERT INTO deferred_programs (site_user_id, program_id, rank, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (site_user_id, program_id) DO UPDATE SET rank = excluded.rank`, siteUserID, id, i+1, tx.Now()); err != nil {
			return fmt.Errorf("deferred rank: %w", err)
		}
	}
	return nil
}
