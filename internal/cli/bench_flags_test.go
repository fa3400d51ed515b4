package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchServersFlagsAreUsageErrors: a mistake in --servers, --replica
// or what they need is one line and exit code 2 before anything starts —
// the database named is never reached (nobody listens on port 1).
func TestBenchServersFlagsAreUsageErrors(t *testing.T) {
	t.Parallel()
	const pg = "postgres://nobody@127.0.0.1:1/none?connect_timeout=1"
	const replica = "postgres://nobody@127.0.0.1:2/none"
	lite := "sqlite:" + filepath.Join(t.TempDir(), "b.db")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"rush replica without servers", []string{"bench", "rush", "--db", pg, "--replica", replica}, "--replica needs --servers"},
		{"rush replica on SQLite", []string{"bench", "rush", "--servers", "2", "--db", lite, "--replica", replica}, "--servers needs --db postgres://"},
		{"rush replica not postgres", []string{"bench", "rush", "--servers", "2", "--db", pg, "--replica", lite}, "--replica: a streaming replica"},
		{"rush replica not a URL", []string{"bench", "rush", "--servers", "2", "--db", pg, "--replica", "postgres://%zz"}, "--replica: not a URL"},
		{"rush replica without host", []string{"bench", "rush", "--servers", "2", "--db", pg, "--replica", "postgres:///db"}, "--replica: not a URL"},
		{"rush servers on SQLite", []string{"bench", "rush", "--servers", "2"}, "--servers needs --db postgres://"},
		{"catalog servers on SQLite", []string{"bench", "catalog", "--servers", "2"}, "bench catalog: --servers needs --db postgres://"},
		{"catalog servers on a SQLite file", []string{"bench", "catalog", "--servers", "2", "--db", lite}, "--servers needs --db postgres://"},
		{"catalog too many servers", []string{"bench", "catalog", "--servers", "17", "--db", pg}, "--servers must be from 1 to 16"},
		{"catalog replica without servers", []string{"bench", "catalog", "--db", pg, "--replica", replica}, "bench catalog: --replica needs --servers"},
		{"catalog replica with SQLite", []string{"bench", "catalog", "--servers", "2", "--db", pg, "--replica", lite}, "--replica: a streaming replica"},
		{"catalog second replica bad", []string{"bench", "catalog", "--servers", "2", "--db", pg, "--replica", replica, "--replica", "mysql://x"}, "--replica: a streaming replica"},
		{"catalog profile of other processes", []string{"bench", "catalog", "--servers", "2", "--db", pg, "--cpuprofile", filepath.Join(t.TempDir(), "p")}, "--cpuprofile profiles this process"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, out, stderr := run(t, context.Background(), map[string]string{"NAVIGATOR_SECRET": testSecret}, "", c.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (a usage error); stdout %q, stderr %q", code, out, stderr)
			}
			if strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 || !strings.HasPrefix(stderr, "navigator: ") {
				t.Errorf("stderr is not one line: %q", stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q lacks %q", stderr, c.want)
			}
			if out != "" {
				t.Errorf("something started before the mistake was said: %q", out)
			}
		})
	}
}
