package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

func contingentRow(i int) store.ContingentRow {
	return store.ContingentRow{LastName: "Иванова", FirstName: "Мария", BirthDate: navigator.NewDate(2015, 3, 4), Sex: "female",
		DocumentType: "passport", DocumentSealed: []byte{1, 2, byte(i)}, DocumentHash: fmt.Sprintf("hash-%d", i)}
}

func rowsOf(rows []store.ContingentRow, fail error) func(func(store.ContingentRow) error) error {
	return func(yield func(store.ContingentRow) error) error {
		for _, r := range rows {
			if err := yield(r); err != nil {
				return err
			}
		}
		return fail
	}
}

func TestImportContingent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var rows []store.ContingentRow
		for i := range 250 { // two full batches and a part
			rows = append(rows, contingentRow(i))
		}
		rows[7].SNILSSealed = []byte{9, 9}
		if n, err := db.ImportContingent(ctx, rowsOf(rows, nil)); err != nil || n != 250 {
			t.Fatalf("import: %d %v", n, err)
		}
		got, err := db.ContingentByDocument(ctx, "passport", "hash-7")
		if err != nil || got.LastName != "Иванова" || got.BirthDate != rows[7].BirthDate || string(got.SNILSSealed) != "\x09\x09" {
			t.Fatalf("by document: %+v %v", got, err)
		}
		if got, _ := db.ContingentByDocument(ctx, "passport", "hash-8"); got.SNILSSealed != nil {
			t.Fatalf("no СНИЛС read as %v", got.SNILSSealed)
		}
		if _, err := db.ContingentByDocument(ctx, "foreign", "hash-7"); navigator.ErrorKind(err) != navigator.KindNotFound {
			t.Fatalf("another type: %v", err)
		}
		// An upsert replaces; a failing source rolls everything back.
		changed := contingentRow(7)
		changed.LastName = "Петрова"
		if _, err := db.ImportContingent(ctx, rowsOf([]store.ContingentRow{changed, contingentRow(1000)}, nil)); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ContingentByDocument(ctx, "passport", "hash-7"); got.LastName != "Петрова" || got.SNILSSealed != nil {
			t.Fatalf("upsert: %+v", got)
		}
		boom := errors.New("boom")
		if _, err := db.ImportContingent(ctx, rowsOf(append(rows[:0:0], contingentRow(2000), contingentRow(2001)), boom)); !errors.Is(err, boom) {
			t.Fatalf("failing source: %v", err)
		}
		if n, _ := db.ContingentCount(ctx); n != 251 {
			t.Fatalf("%d records, want 251", n)
		}
	})
}
