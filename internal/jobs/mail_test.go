package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"navigator/internal/mail"
	"navigator/internal/mail/mailtest"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestSendMailJob: letters queued in the outbox reach a real SMTP server
// once; a server that is down leaves them for the next run.
func TestSendMailJob(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, to := range []string{"a@example.ru", "b@example.ru"} {
			if err := db.QueueEmailToken(ctx, store.EmailToken{ID: "hash-" + to, Purpose: "verify_email", SubjectID: 1, Email: to, Lifetime: time.Hour},
				store.Mail{To: to, Subject: "Подтверждение адреса электронной почты", Body: "Ссылка: https://navigator.example.ru/verify-email?token=x"}, nil); err != nil {
				t.Fatal(err)
			}
		}
		down, _ := mail.ParseURL("smtp://127.0.0.1:1?tls=none", "navigator@example.ru")
		if n, err := SendMail(db, down).Run(ctx, time.Now()); err == nil || n != 0 {
			t.Fatalf("a down server: sent %d, %v", n, err)
		}
		box, addr := mailtest.Start(t)
		sender, err := mail.ParseURL(addr, "navigator@example.ru")
		if err != nil {
			t.Fatal(err)
		}
		task := SendMail(db, sender)
		if n, err := task.Run(ctx, time.Now()); err != nil || n != 2 {
			t.Fatalf("sent %d, %v", n, err)
		}
		if n, err := task.Run(ctx, time.Now()); err != nil || n != 0 {
			t.Fatalf("sent again: %d, %v", n, err)
		}
		letters := box.Letters()
		if len(letters) != 2 || letters[0].To != "a@example.ru" || !strings.Contains(letters[1].Raw, "From: <navigator@example.ru>") {
			t.Fatalf("inbox %v", letters)
		}
	})
}
