package store

import "context"

// AuditIn appends an entry inside tx, as every audited write does: tests
// hold a chain's lock with it in a transaction they keep open.
func AuditIn(ctx context.Context, tx *Tx, e AuditEntry) error { return audit(ctx, tx, e) }
