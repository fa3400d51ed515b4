package store

// LimitConns bounds the connections the store keeps to PostgreSQL (32 by
// default). Every server on one database takes its share of the
// database's max_connections (100 by default): three servers at 32 each,
// plus their listeners, already reach it, and the next connection is
// refused with «too many clients». SQLite has no server to share and
// keeps its own pools.
func (db *DB) LimitConns(n int) {
	if db.engine != Postgres || n < 1 {
		return
	}
	db.write.SetMaxOpenConns(n)
	db.write.SetMaxIdleConns(n)
}
