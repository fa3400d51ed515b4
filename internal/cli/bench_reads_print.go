package cli

import (
	"fmt"
	"io"
	"time"

	"navigator/internal/ru"
	"navigator/internal/rush"
)

func printReads(w io.Writer, table []rush.ReadFigures) {
	fmt.Fprintf(w, "%-8s %-22s "+readColumns+"\n", readHeader("клиентов", "чтение")...)
	for _, f := range table {
		fmt.Fprintf(w, "%-8d %-22s %s\n", f.Clients, f.Name, readCells(f))
	}
}

// readColumns are the figures' columns of a read's row, after the
// clients and the read's name.
const readColumns = "%10s %9s %9s %9s %9s %12s %8s %6s"

func readHeader(first ...any) []any {
	return append(first, "запросов/с", "p50, мс", "p95, мс", "p99, мс", "байт", "пустой, з/с", "доля", "503")
}

func readCells(f rush.ReadFigures) string {
	msf := func(d time.Duration) string { return ru.Decimal(float64(d.Microseconds())/1000, 1) }
	return fmt.Sprintf("%10.0f %9s %9s %9s %9d %12.0f %8s %6d", f.Rate, msf(f.P50), msf(f.P95), msf(f.P99), f.Bytes, f.Trivial, ru.Decimal(f.Ratio(), 2), f.Shed)
}

// readPair is a read measured on both sides of a bench of several
// servers.
type readPair struct{ one, all rush.ReadFigures }

// printReadPairs writes both sides' rows of every read, then the ratios
// of the many servers' figures to the one's.
func printReadPairs(w io.Writer, oneLabel, allLabel string, pairs []readPair) {
	fmt.Fprintf(w, "%-8s %-22s %-26s "+readColumns+"\n", readHeader("клиентов", "чтение", "серверы")...)
	for _, p := range pairs {
		for _, side := range []struct {
			label string
			f     rush.ReadFigures
		}{{oneLabel, p.one}, {allLabel, p.all}} {
			fmt.Fprintf(w, "%-8d %-22s %-26s %s\n", side.f.Clients, side.f.Name, side.label, readCells(side.f))
		}
	}
	fmt.Fprintf(w, "Отношение «%s» / «%s», медианы:\n", allLabel, oneLabel)
	fmt.Fprintf(w, "%-8s %-22s %10s %9s %9s %12s\n", "клиентов", "чтение", "запросов/с", "p50", "p99", "пустой, з/с")
	ratio := func(a, b float64) string {
		if b == 0 {
			return "—"
		}
		return ru.Decimal(a/b, 2)
	}
	for _, p := range pairs {
		fmt.Fprintf(w, "%-8d %-22s %10s %9s %9s %12s\n", p.one.Clients, p.one.Name, ratio(p.all.Rate, p.one.Rate),
			ratio(float64(p.all.P50), float64(p.one.P50)), ratio(float64(p.all.P99), float64(p.one.P99)), ratio(p.all.Trivial, p.one.Trivial))
	}
}
