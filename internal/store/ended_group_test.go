package store_test

import (
	"context"
	"testing"

	"navigator"
	"navigator/internal/store"
)

// TestEndedGroupClosed: a group whose classes ended yesterday takes no
// application on any path: one written alone, and a batch of the rush
// (bulk statements on SQLite, a pipeline on PostgreSQL), where it is
// refused among applications that pass.
func TestEndedGroupClosed(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		operator, office, municipality := demoOperator(t, db)
		birth := navigator.NewDate(db.Now().Year()-10, 1, 1)
		fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, birth, []string{"ended-a", "ended-b", "ended-c"})
		must(t, err)
		groups := budgetGroups(t, db, 2)
		ended, open := groups[0], groups[1]
		today := navigator.Today(db.Now())
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE groups SET starts_on = ?, ends_on = ? WHERE id = ?",
				navigator.DateOf(today.Time().AddDate(0, 0, -200)), navigator.DateOf(today.Time().AddDate(0, 0, -1)), ended)
			return err
		}))
		apply := func(f store.SyntheticFamily, group int64) store.NewApplication {
			return store.NewApplication{SiteUserID: f.SiteUserID, ChildID: f.ChildID, GroupID: group}
		}

		if _, _, err := db.CreateApplication(ctx, apply(fams[0], ended)); codeOf(err) != "closed" {
			t.Fatalf("alone: %v, want closed", err)
		}
		ids, _, errs := db.ApplyTogether(ctx, []store.NewApplication{apply(fams[1], ended), apply(fams[2], open), apply(fams[0], ended)})
		if codeOf(errs[0]) != "closed" || codeOf(errs[2]) != "closed" {
			t.Fatalf("in a batch: %v, %v, want closed", errs[0], errs[2])
		}
		if errs[1] != nil || ids[1] == 0 {
			t.Fatalf("the open group's application in the same batch: %v", errs[1])
		}
	})
}
