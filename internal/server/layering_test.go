package server_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestServerTalksOnlyToTheService: the handlers reach the data only through
// the service, which checks scope and audits; a handler that imported the
// store could read a person's data around both.
func TestServerTalksOnlyToTheService(t *testing.T) {
	t.Parallel()
	forbidden := []string{"navigator/internal/store", "database/sql", "github.com/jackc/pgx/v5", "modernc.org/sqlite"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbidden {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s: the server speaks to the data only through internal/service", name, path)
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("checked only %d files: is the test run from the package's folder?", checked)
	}
}
