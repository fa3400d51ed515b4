package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"navigator/internal/checkpoint"
	"navigator/internal/secret"
	"navigator/internal/store"
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
	if err := parse(fs, args[1:], s); err != nil {
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
		fmt.Fprintf(s.out, "Перешифровано: детей — %d, записей «Контингента» — %d, секретов второго фактора — %d, писем в очереди — %d, звеньев журнала аудита — %d.\n",
			sum.Children, sum.Registry, sum.SecondFactors, sum.Letters, sum.AuditLinks)
		if sum.AuditBroken != 0 {
			fmt.Fprintf(s.out, "Внимание: цепочка журнала аудита была нарушена на записи %d; это записано в журнал.\n", sum.AuditBroken)
		}
		return restartCheckpoints(ctx, db.checkpoints(), ring, st)
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

// restartCheckpoints starts the checkpoints anew after a rotation: the old
// ones name links the new key no longer makes, so the file is kept aside
// (audit.checkpoints.before-YYYYMMDD-HHMMSS) and the first new checkpoint,
// signed with the new key, names the rekeyed heads of the chains.
func restartCheckpoints(ctx context.Context, path string, ring *secret.Keys, st *store.DB) error {
	if _, err := os.Stat(path); err == nil {
		if err := os.Rename(path, path+".before-"+time.Now().UTC().Format("20060102-150405")); err != nil {
			return fmt.Errorf("keep old checkpoints: %w", err)
		}
	}
	heads, err := chainHeads(st)(ctx)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return checkpoint.Append(path, checkpoint.New(ring, heads, time.Now()))
}
