package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"navigator"
	"navigator/internal/secret"
	"navigator/internal/store"
)

// TestOutboxHoldsNoWorkingLink: a letter waits in the outbox with its body
// sealed, whichever path queued it (a one-time link, an application
// written alone, a batch of the rush), so the database holds no usable
// link or letter text in the clear; the sender gets the text back, with
// the application's number in it; and once sent, the text is erased.
func TestOutboxHoldsNoWorkingLink(t *testing.T) {
	t.Parallel()
	eachSeeded(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		operator, office, municipality := demoOperator(t, db)
		birth := navigator.NewDate(db.Now().Year()-10, 1, 1)
		fams, err := store.Synthetic(db).AddSyntheticFamilies(ctx, municipality, operator, office, birth, []string{"outbox-a", "outbox-b"})
		must(t, err)
		groups := budgetGroups(t, db, 2)

		token := secret.Token()
		body := "Чтобы задать новый пароль, откройте ссылку:\nhttp://navigator.test/reset-password?token=" + token + "\n"
		must(t, db.QueueEmailToken(ctx, store.EmailToken{ID: secret.TokenHash(token), Purpose: "reset_password",
			SubjectID: fams[0].SiteUserID, Email: "outbox-a@example.ru", Lifetime: 3600e9},
			store.Mail{To: "outbox-a@example.ru", Subject: "Восстановление пароля", Body: body}, nil))
		alone, _, err := db.CreateApplication(ctx, store.NewApplication{SiteUserID: fams[0].SiteUserID, ChildID: fams[0].ChildID, GroupID: groups[0]})
		must(t, err)
		ids, _, errs := db.ApplyTogether(ctx, []store.NewApplication{{SiteUserID: fams[1].SiteUserID, ChildID: fams[1].ChildID, GroupID: groups[1]}})
		must(t, errs[0])

		raw := rawOutbox(t, db)
		for _, r := range raw {
			if r.body != "" || len(r.sealed) == 0 {
				t.Fatalf("letter %d waits with %d bytes of plain text and %d sealed", r.id, len(r.body), len(r.sealed))
			}
			for _, clear := range []string{token, "Здравствуйте", "reset-password"} {
				if bytes.Contains(r.sealed, []byte(clear)) {
					t.Fatalf("letter %d: %q readable in its sealed body", r.id, clear)
				}
			}
		}
		if db.Engine() == store.SQLite {
			must(t, db.Checkpoint(ctx))
			file, err := os.ReadFile(db.Path())
			must(t, err)
			if bytes.Contains(file, []byte(token)) || bytes.Contains(file, []byte("reset-password?token=")) {
				t.Fatal("the reset link is in the database file in the clear")
			}
		}

		unsent, err := db.UnsentMail(ctx, 1000)
		must(t, err)
		texts := map[string]bool{}
		for _, m := range unsent {
			texts[m.Body] = true
		}
		found := func(s string) bool {
			for text := range texts {
				if strings.Contains(text, s) {
					return true
				}
			}
			return false
		}
		for _, want := range []string{token, fmt.Sprintf("Заявка № %d ", alone), fmt.Sprintf("Заявка № %d ", ids[0])} {
			if !found(want) {
				t.Fatalf("no letter to send says %q", want)
			}
		}

		for _, m := range unsent {
			must(t, db.MarkMailSent(ctx, m.ID))
		}
		for _, r := range rawOutbox(t, db) {
			if r.body != "" || r.sealed != nil {
				t.Fatalf("letter %d keeps its text after it was sent", r.id)
			}
		}
		left, err := db.UnsentMail(ctx, 10)
		must(t, err)
		if len(left) != 0 {
			t.Fatalf("%d letters left to send", len(left))
		}
	})
}

type rawLetter struct {
	id     int64
	body   string
	sealed []byte
}

// rawOutbox reads the outbox's rows as they lie in the database.
func rawOutbox(t *testing.T, db *store.DB) []rawLetter {
	t.Helper()
	ctx := context.Background()
	var out []rawLetter
	must(t, db.View(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, body, body_sealed FROM mail_outbox ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r rawLetter
			if err := rows.Scan(&r.id, &r.body, &r.sealed); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	}))
	if len(out) < 3 {
		t.Fatalf("%d letters in the outbox, want at least 3", len(out))
	}
	return out
}
