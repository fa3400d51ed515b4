package store_test

import (
	"context"
	"strings"
	"testing"

	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestBulkApplicantsUseIndexes: the bulk path reads a chunk of
// applicants with one statement over a VALUES list; each request must
// find its child, parent, certificate, key and group by their indexes,
// never by reading a table whole, or a batch would cost more than the
// statements it replaces.
func TestBulkApplicantsUseIndexes(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t, store.SQLite)
	plan, err := db.BulkApplicantsPlan(context.Background(), 32)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(plan) {
		// The requests themselves are the only rows read one after another.
		if strings.HasPrefix(line, "SCAN ") && !strings.HasPrefix(line, "SCAN req") && !strings.HasSuffix(line, "CONSTANT ROWS\n") {
			t.Errorf("a table read whole: %q in\n%s", strings.TrimSpace(line), plan)
		}
	}
}
