package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"navigator/internal/store"
)

// TestNoSNILSInPlainText seeds the demo region, whose children have
// СНИЛС, and reads the SQLite file and its WAL byte by byte: no СНИЛС may
// be there in the clear, in any of its usual spellings.
func TestNoSNILSInPlainText(t *testing.T) {
	t.Parallel()
	db := seeded(t, store.SQLite)
	ctx := context.Background()
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(db.Path() + suffix)
		if err == nil {
			raw = append(raw, b...)
		}
	}
	checked := 0
	for _, f := range demoRegion.Families {
		for _, c := range f.Children {
			if c.SNILS == "" {
				continue
			}
			checked++
			s := c.SNILS
			for _, form := range []string{s, s[0:3] + "-" + s[3:6] + "-" + s[6:9] + " " + s[9:], s[0:3] + "-" + s[3:6] + "-" + s[6:9] + "-" + s[9:]} {
				if bytes.Contains(raw, []byte(form)) {
					t.Fatalf("СНИЛС %s… is in the database file in plain text", s[:3])
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d children with СНИЛС checked", checked)
	}
}
