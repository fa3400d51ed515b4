package cli

import (
	"context"
	"strings"
	"testing"
)

// TestBenchCatalog runs `navigator bench catalog` on a small synthetic
// catalog and checks that every read is measured and printed, with no
// failed requests.
func TestBenchCatalog(t *testing.T) {
	if testing.Short() {
		t.Skip("bench catalog seeds a region: skipped with -short")
	}
	t.Parallel()
	code, out, stderr := run(t, context.Background(), map[string]string{"NAVIGATOR_SECRET": testSecret}, "",
		"bench", "catalog", "--programs", "700", "--clients", "8", "--runs", "1", "--each", "300ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "700 программ") {
		t.Errorf("no catalog size in the output:\n%s", out)
	}
	for _, read := range []string{"главная", "каталог с фильтрами", "поиск по словоформе", "страница программы", "API: список программ"} {
		line := lineWith(out, read)
		if line == "" {
			t.Errorf("no line for %q:\n%s", read, out)
			continue
		}
		f := strings.Fields(line)
		if f[0] != "8" {
			t.Errorf("%q: clients %q, want 8", read, f[0])
		}
		if f[len(f)-1] != "0" {
			t.Errorf("%q: %s requests shed or failed:\n%s", read, f[len(f)-1], out)
		}
	}
}

func lineWith(out, s string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
