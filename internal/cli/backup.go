package cli

import (
	"context"
	"fmt"
	"os"

	"navigator/internal/store"
)

// backup is `navigator backup FILE`: a consistent copy of the embedded
// database while the server runs.
func backup(ctx context.Context, args []string, getenv env, s stdio) error {
	fs := newFlags("backup", s)
	var db dbConfig
	db.register(fs, getenv)
	var file string
	rest := args
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		file, rest = rest[0], rest[1:]
	}
	if err := parseFlags(fs, rest, s); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return usageError{"backup: name the file to write: navigator backup FILE"}
	}
	st, err := store.Open(ctx, db.url)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, file); err != nil {
		return err
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "Копия базы записана в %s (%d байт). Ключ шифрования (secret.key) храните отдельно от копии.\n", file, info.Size())
	return nil
}
