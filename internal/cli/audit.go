package cli

import (
	"context"
	"fmt"

	"navigator/internal/ru"
	"navigator/internal/store"
)

// audit verify walks the audit log's hash chain and reports the first
// broken link.
func auditCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError{"audit: use navigator audit verify [--db URL]"}
	}
	fs := newFlags("audit verify", s)
	var db dbConfig
	db.register(fs, getenv)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	st, err := store.Open(ctx, db.url)
	if err != nil {
		return err
	}
	defer st.Close()
	broken, err := st.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	if broken != 0 {
		return fmt.Errorf("audit verify: the chain is broken at record %d: it was changed, or a record before it was removed", broken)
	}
	n, err := st.AuditCount(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Журнал аудита цел: %s.\n", ru.Count(int(n), "запись", "записи", "записей"))
	return nil
}
