package cli

import (
	"context"
	"strings"
	"testing"
)

// TestHelpPrintsTheFlags asks every command with flags for --help: it
// must print them and succeed without doing anything, not exit silently
// or call the question a usage error.
func TestHelpPrintsTheFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		flag string // one of the command's flags
	}{
		{[]string{"serve", "--help"}, "-max-in-flight"},
		{[]string{"migrate", "-h"}, "-db"},
		{[]string{"bench", "rush", "--help"}, "-families"},
		{[]string{"bench", "catalog", "--help"}, "-programs"},
		{[]string{"backup", "--help"}, "-db"},
		{[]string{"contingent", "import", "--help"}, "-db"},
		{[]string{"audit", "verify", "--help"}, "-checkpoints"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, context.Background(), nil, "", tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errOut)
			}
			if !strings.Contains(out, "флаги") || !strings.Contains(out, tt.flag) {
				t.Fatalf("the help does not list %s:\n%s", tt.flag, out)
			}
		})
	}
}
