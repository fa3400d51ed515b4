package store

import "context"

// AuditIn appends an entry inside tx, as every audited write does: tests
// hold a chain's lock with it in a transaction they keep open.
func AuditIn(ctx context.Context, tx *Tx, e AuditEntry) error { return audit(ctx, tx, e) }

// MigrateDownTo takes the schema back to version, as an installation
// of an older binary had it.
func (db *DB) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
