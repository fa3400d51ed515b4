package store

import (
	"context"
	"fmt"
)

// Figures are the region's running totals, for monitoring.
type Figures struct {
	Capacity     int64
	SeatsTaken   int64
	Applications map[string]int64    // by status
	Certificates map[[2]string]int64 // by type and status
	Outbox       int64               // letters not yet sent
}

// Figures reads the running totals in one snapshot.
func (db *DB) Figures(ctx context.Context) (*Figures, error) {
	f := &Figures{Applications: map[string]int64{}, Certificates: map[[2]string]int64{}}
	err := db.View(ctx, func(tx *Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COALESCE(sum(g.capacity), 0), COALESCE(sum(g.seats_taken), 0)
			FROM groups g JOIN programs p ON p.id = g.program_id WHERE g.accepting = TRUE AND p.status = 'published'`).Scan(&f.Capacity, &f.SeatsTaken); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT status, count(*) FROM applications GROUP BY status")
		if err != nil {
			return err
		}
		for rows.Next() {
			var s string
			var n int64
			if err := rows.Scan(&s, &n); err != nil {
				rows.Close()
				return err
			}
			f.Applications[s] = n
		}
		rows.Close()
		rows, err = tx.Query(ctx, "SELECT type, status, count(*) FROM certificates GROUP BY type, status")
		if err != nil {
			return err
		}
		for rows.Next() {
			var t, s string
			var n int64
			if err := rows.Scan(&t, &s, &n); err != nil {
				rows.Close()
				return err
			}
			f.Certificates[[2]string{t, s}] = n
		}
		rows.Close()
		return tx.QueryRow(ctx, "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL").Scan(&f.Outbox)
	})
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	return f, nil
}
