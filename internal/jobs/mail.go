package jobs

import (
	"context"
	"fmt"
	"time"

	"navigator/internal/mail"
	"navigator/internal/store"
)

// SendMail is the task that empties the outbox through the sender. A
// letter that fails stays in the outbox for the next run.
func SendMail(db *store.DB, sender mail.Sender) Task {
	return Task{Name: "send_mail", Every: 5 * time.Second, Run: func(ctx context.Context, _ time.Time) (int64, error) {
		letters, err := db.UnsentMail(ctx, 50)
		if err != nil {
			return 0, err
		}
		var sent int64
		for _, l := range letters {
			if err := sender.Send(ctx, mail.Message{To: l.To, Subject: l.Subject, Body: l.Body}); err != nil {
				return sent, fmt.Errorf("letter %d: %w", l.ID, err)
			}
			if err := db.MarkMailSent(ctx, l.ID); err != nil {
				return sent, err
			}
			sent++
		}
		return sent, nil
	}}
}
