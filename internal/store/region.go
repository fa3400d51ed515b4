package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"navigator"
)

// Region returns the region, or a not-found error before the region is set.
func (db *DB) Region(ctx context.Context) (*navigator.Region, error) {
	var r navigator.Region
	err := db.queryRow(ctx, "SELECT code, name FROM region WHERE id = 1").Scan(&r.Code, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, navigator.NotFound("Регион ещё не настроен.")
	}
	if err != nil {
		return nil, fmt.Errorf("region: %w", err)
	}
	return &r, nil
}
