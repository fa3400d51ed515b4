package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"navigator/internal/secret"
)

// secretCmd is `navigator secret rotate`: seal every СНИЛС, document and
// second-factor secret again with a new key.
//
// With the secret in the data folder's file, the command makes the new
// key itself. With NAVIGATOR_SECRET, put the new key first in the ring
// ("new,old"), run the command, then drop the old key.
func secretCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	if len(args) == 0 || args[0] != "rotate" {
		return usageError{"secret: use navigator secret rotate [--db URL]"}
	}
	fs := newFlags("secret rotate", s)
	var db dbConfig
	db.register(fs, getenv)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	st, err := db.open(ctx, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	report := func(ring *secret.Keys) error {
		sum, err := st.RotateSecrets(ctx, ring)
		if err != nil {
			return err
		}
		fmt.Fprintf(s.out, "Перешифровано: детей — %d, записей «Контингента» — %d, секретов второго фактора — %d, писем в очереди — %d.\n",
			sum.Children, sum.Registry, sum.SecondFactors, sum.Letters)
		return nil
	}
	if db.secret != "" {
		ring, err := secret.New(db.secret)
		if err != nil {
			return err
		}
		if !ring.Rotating() {
			return fmt.Errorf("secret rotate: NAVIGATOR_SECRET holds one key: put the new key first, a comma, then the old one")
		}
		if err := report(ring); err != nil {
			return err
		}
		fmt.Fprintln(s.out, "Теперь оставьте в NAVIGATOR_SECRET только новый ключ (до первой запятой).")
		return nil
	}
	dir := db.dir()
	if err := secret.Rotate(dir, report); err != nil {
		return fmt.Errorf("secret rotate: %w", err)
	}
	fmt.Fprintf(s.out, "Новый ключ записан в %s.\n", filepath.Join(dir, "secret.key"))
	return nil
}
