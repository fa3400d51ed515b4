// Package reportdb holds the reports' queries: aggregates over the
// region's applications, certificates, groups and money, read-only, for
// the service's reports. They are apart from the store so that the
// store's API is the domain's objects and this package is the figures.
package reportdb

import "navigator/internal/store"

// Queries runs the reports' queries on a store.
type Queries struct{ db *store.DB }

// New makes the queries of db.
func New(db *store.DB) *Queries { return &Queries{db: db} }

// bytewise is the collation that orders names the same way on both
// engines: PostgreSQL's locale would order them otherwise than SQLite.
func (q *Queries) bytewise() string {
	if q.db.Engine() == store.Postgres {
		return ` COLLATE "C"`
	}
	return ""
}
