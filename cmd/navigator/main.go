// Command navigator runs the «Навигатор дополнительного образования детей»:
// the parents' portal, the management system, the API and the jobs, on an
// embedded SQLite database or on PostgreSQL.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"navigator/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
