package cli

import (
	"context"
	"fmt"

	"navigator/internal/store"
)

func migrate(ctx context.Context, args []string, getenv env, s stdio) error {
	fs := newFlags("migrate", s)
	var db dbConfig
	db.register(fs, getenv)
	if err := parse(fs, args, s); err != nil {
		return err
	}
	st, err := store.Open(ctx, db.url)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	cur, _, err := st.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Миграции применены: %d, версия схемы %d.\n", n, cur)
	return nil
}
