package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"navigator/internal/checkpoint"
	"navigator/internal/ru"
	"navigator/internal/store"
)

// chainHeads is what a checkpoint records of the journal: the head of
// every chain.
func chainHeads(st *store.DB) checkpoint.Heads {
	return func(ctx context.Context) ([]checkpoint.Head, error) {
		heads, err := st.AuditHeads(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]checkpoint.Head, len(heads))
		for i, h := range heads {
			out[i] = checkpoint.Head{Chain: h.Chain, Seq: h.ID, Hash: h.Hash}
		}
		return out, nil
	}
}

// chainNames names the chains for a person: «регион», or the
// municipality's name with its number (a chain key unknown to the
// municipalities is shown by number: it was forged or the municipality
// is gone).
func chainNames(ctx context.Context, st *store.DB) (func(int64) string, error) {
	muns, err := st.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, m := range muns {
		names[m.ID] = m.Name
	}
	return func(chain int64) string {
		if chain == store.RegionChain {
			return "регион (сотрудники региона и общее)"
		}
		if n, ok := names[chain]; ok {
			return fmt.Sprintf("муниципалитет № %d «%s»", chain, n)
		}
		return fmt.Sprintf("цепочка № %d (такого муниципалитета нет)", chain)
	}, nil
}

// reportChains prints one line per chain: its entries, its head and, when
// broken, its first broken entry.
func reportChains(w io.Writer, chk *store.AuditCheck, name func(int64) string) {
	if len(chk.Chains) == 0 {
		fmt.Fprintln(w, "Журнал аудита пуст.")
		return
	}
	fmt.Fprintf(w, "Цепочки журнала аудита: %d.\n", len(chk.Chains))
	for _, c := range chk.Chains {
		state := "цела"
		if c.Broken != 0 {
			state = fmt.Sprintf("НАРУШЕНА на записи № %d", c.Broken)
			if c.Unkeyed {
				state += " (звено без ключа установки)"
			}
		}
		fmt.Fprintf(w, "  %s: %s, последняя № %d, %s.\n", name(c.Chain), ru.Count(int(c.Entries), "запись", "записи", "записей"), c.HeadID, state)
	}
}

// mismatchNamed puts the chains' names into what Check found, on one line
// (an error of the CLI is one line), keeping errors.Is on every part.
func mismatchNamed(err error, name func(int64) string) error {
	parts := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	}
	format := make([]string, len(parts))
	args := make([]any, len(parts))
	for i, e := range parts {
		format[i], args[i] = "%w", e
		var m *checkpoint.Mismatch
		if errors.As(e, &m) {
			format[i] = "%w (" + strings.ReplaceAll(name(m.Chain), "%", "%%") + ")"
		}
	}
	return fmt.Errorf(strings.Join(format, "; "), args...)
}
