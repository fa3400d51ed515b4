package server_test

import (
	"context"
	"regexp"
	"testing"

	"navigator/internal/service"
	"navigator/internal/storetest"
)

var resetLink = regexp.MustCompile(`reset-password\?token=([A-Za-z0-9_-]+)`)

// TestResetLinksRevoked: a new reset link revokes the older ones, using one
// revokes all, and at most 3 reset letters go to an account in an hour,
// while the answer stays the same.
func TestResetLinksRevoked(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			ctx := context.Background()
			svc := service.New(service.Deps{DB: e.db, Keys: e.keys, BaseURL: "http://navigator.test"})
			email := e.region.Families[5].Email
			links := func() []string {
				t.Helper()
				mails, err := e.db.Outbox(ctx, 1000)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, m := range mails {
					if m.To == email {
						if g := resetLink.FindStringSubmatch(m.Body); g != nil {
							out = append(out, g[1])
						}
					}
				}
				return out
			}
			for i := 0; i < 5; i++ {
				if err := svc.RequestPasswordReset(ctx, email, "192.0.2.1"); err != nil {
					t.Fatalf("request %d: %v", i+1, err)
				}
			}
			got := links()
			if len(got) != 3 {
				t.Fatalf("%d reset letters queued for 5 requests in an hour, want 3", len(got))
			}
			newest, first := got[0], got[len(got)-1] // the outbox lists the newest first
			if err := svc.ResetPassword(ctx, first, "Новый-пароль-2026"); err == nil {
				t.Fatal("an older reset link still works after a newer one was sent")
			}
			if err := svc.ResetPassword(ctx, newest, "Новый-пароль-2026"); err != nil {
				t.Fatalf("the newest link: %v", err)
			}
			for _, l := range got {
				if err := svc.ResetPassword(ctx, l, "Другой-пароль-2026"); err == nil {
					t.Fatal("a reset link works after one was used")
				}
			}
		})
	}
}
