package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"

	"navigator/internal/contingent"
	"navigator/internal/ru"
)

// contingentCmd is `navigator contingent import FILE [--db URL]`: it
// loads a «Контингент» extract in one transaction, all rows or none.
func contingentCmd(ctx context.Context, args []string, getenv env, s stdio) error {
	if len(args) == 0 || args[0] != "import" {
		return usageError{"contingent: use navigator contingent import FILE [--db URL]"}
	}
	fs := newFlags("contingent import", s)
	var db dbConfig
	db.register(fs, getenv)
	// The file may come before or after the flags.
	rest := args[1:]
	var file string
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		file, rest = rest[0], rest[1:]
	}
	if err := parseFlags(fs, rest, s); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return usageError{"contingent import: name one CSV file"}
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("contingent import: %w", err)
	}
	defer f.Close()
	keys, err := db.keys()
	if err != nil {
		return err
	}
	st, err := db.open(ctx, keys)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := contingent.Import(ctx, st, keys, bufio.NewReaderSize(f, 1<<20), func(rows int) {
		fmt.Fprintf(s.out, "Загружено %s %s…\n", groupDigits(rows), ru.Plural(rows, "строка", "строки", "строк"))
	})
	if err != nil {
		return fmt.Errorf("contingent import: %s: %w", file, err)
	}
	fmt.Fprintf(s.out, "Загружено %s реестра «Контингент».\n", ru.Count(n, "запись", "записи", "записей"))
	return nil
}

// groupDigits writes n with its thousands apart: «150 000».
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}
