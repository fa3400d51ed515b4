// Package cli is the navigator command: it parses arguments and the
// environment, wires the parts together and runs one subcommand. Run is
// the whole program, so tests drive it as a user would.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"navigator"
)

// env reads the environment; tests pass their own.
type env func(string) string

// io bundles the standard streams.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

const usage = `Навигатор дополнительного образования детей.

Использование:
  navigator serve [--addr :8080] [--db URL] [--demo]   запустить сайт, систему управления и API
  navigator migrate [--db URL]                         применить миграции схемы
  navigator demo [--db URL]                            заполнить пустую базу демонстрационным регионом
  navigator staff add --email E --role R [--organization ID] [--municipality ID] --password-stdin
                                                       создать учётную запись сотрудника
  navigator contingent import FILE [--db URL]          загрузить выгрузку реестра «Контингент» (CSV)
  navigator audit verify [--db URL] [--checkpoints F]  проверить цепочку журнала аудита и контрольные точки
  navigator secret rotate [--db URL]                   перешифровать СНИЛС и документы новым ключом
  navigator backup FILE [--db URL]                     согласованная копия встроенной базы на ходу
  navigator bench rush [--db URL] [--families N] [--groups G] [--clients C] [--single] [--servers N [--replica URL]]
                                                       нагрузочный тест утра открытия записи на пустой базе
  navigator bench catalog [--db URL] [--programs N] [--clients 100,1000] [--servers N [--replica URL]]
                                                       скорость чтений каталога на синтетическом регионе

--db (или NAVIGATOR_DB): sqlite:PATH (по умолчанию sqlite:data/navigator.db) или postgres://…
`

// Run runs the command and returns its exit code. Every failure is one
// line on stderr.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := stdio{in: stdin, out: stdout, err: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], env(getenv), s)
	case "migrate":
		err = migrate(ctx, args[1:], env(getenv), s)
	case "demo":
		err = demoCmd(ctx, args[1:], env(getenv), s)
	case "staff":
		err = staff(ctx, args[1:], env(getenv), s)
	case "audit":
		err = auditCmd(ctx, args[1:], env(getenv), s)
	case "contingent":
		err = contingentCmd(ctx, args[1:], env(getenv), s)
	case "secret":
		err = secretCmd(ctx, args[1:], env(getenv), s)
	case "backup":
		err = backup(ctx, args[1:], env(getenv), s)
	case "bench":
		err = benchCmd(ctx, args[1:], env(getenv), s)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		err = usageError{fmt.Sprintf("unknown command %q: see navigator help", args[0])}
	}
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "navigator: "+oneLine(err.Error()))
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// newFlags makes a flag set that reports errors instead of printing them.
func newFlags(name string, s stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags and turns a mistake into a usageError; no argument
// may follow them.
func parse(fs *flag.FlagSet, args []string, s stdio) error {
	if err := parseFlags(fs, args, s); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

// parseFlags parses flags, leaving the arguments after them to the
// command. Asked for -h or --help, it prints the flags to s.out and
// returns flag.ErrHelp, which the command ends with, successfully.
func parseFlags(fs *flag.FlagSet, args []string, s stdio) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(s.out, "navigator %s — флаги:\n", fs.Name())
		fs.SetOutput(s.out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		return err
	case err != nil:
		return usageError{fs.Name() + ": " + err.Error()}
	}
	return nil
}

func asError(err error, target **navigator.Error) bool { return errors.As(err, target) }
