package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"navigator"
	"navigator/internal/checkpoint"
	"navigator/internal/ru"
	"navigator/internal/store"
)

// audit verify walks every keyed chain of the audit journal (one per
// municipality and the region's) and checks each against the latest signed
// checkpoint, reporting per chain its entries, its head and its first
// broken link, and naming a chain whose newest entries were cut or that
// was rewritten, or a forged checkpoint.
func auditCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError{"audit: use navigator audit verify [--db URL] [--checkpoints FILE]"}
	}
	fl := newFlags("audit verify", s)
	var db dbConfig
	db.register(fl, getenv)
	file := fl.String("checkpoints", "", "the signed checkpoints to check against (default: audit.checkpoints in the data folder)")
	if err := parse(fl, args[1:], s); err != nil {
		return err
	}
	if db.secret == "" {
		if _, err := os.Stat(db.secretFile()); err != nil {
			return fmt.Errorf("audit verify: no secret key at %s: the chain is keyed with it (set NAVIGATOR_SECRET or --data-dir)", db.secretFile())
		}
	}
	keys, err := db.keys()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, db.url)
	if err != nil {
		return err
	}
	defer st.Close()
	st.UseKeys(keys)
	chk, err := st.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	name, err := chainNames(ctx, st)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	reportChains(s.out, chk, name)
	for _, c := range chk.Chains {
		if c.Broken == 0 {
			continue
		}
		if c.Unkeyed {
			return fmt.Errorf("audit verify: the chain of %s is broken at record %d: its link is not made with this installation's key (forged, or the journal was not keyed: start navigator serve once)", name(c.Chain), c.Broken)
		}
		return fmt.Errorf("audit verify: the chain of %s is broken at record %d: it was changed, moved from another chain, or a record before it was removed", name(c.Chain), c.Broken)
	}
	path, explicit := *file, *file != ""
	if !explicit {
		path = db.checkpoints()
	}
	latest, err := checkpoint.Latest(path, keys)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		fmt.Fprintf(s.out, "Контрольных точек нет (%s): удаление последних записей проверить не по чему.\n", path)
	case err != nil:
		return fmt.Errorf("audit verify: %w", err)
	case latest == nil:
		return fmt.Errorf("audit verify: %s holds no checkpoint", path)
	default:
		if err := latest.Check(ctx, st.AuditLink); err != nil {
			return fmt.Errorf("audit verify: %w", mismatchNamed(err, name))
		}
		at := latest.At.In(navigator.Zone).Format("02.01.2006 15:04")
		heads := latest.ChainHeads()
		if len(heads) == 0 {
			fmt.Fprintf(s.out, "Сверено с контрольной точкой от %s: тогда журнал был пуст.\n", at)
		} else {
			fmt.Fprintf(s.out, "Сверено с контрольной точкой от %s: последние записи %s на месте и не изменены.\n", at,
				ru.Count(len(heads), "цепочки", "цепочек", "цепочек"))
			for _, h := range heads {
				fmt.Fprintf(s.out, "  %s: запись № %d.\n", name(h.Chain), h.Seq)
			}
		}
	}
	fmt.Fprintf(s.out, "Журнал аудита цел: %s.\n", ru.Count(int(chk.Entries), "запись", "записи", "записей"))
	return nil
}
