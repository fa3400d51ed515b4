package store_test

import (
	"context"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

func TestStaffAccounts(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if f.admin.Email != "region@example.ru" {
			t.Errorf("e-mail stored as %q, want lower case", f.admin.Email)
		}
		c, err := db.CredentialsByEmail(ctx, "region@example.ru")
		if err != nil || c.Role != navigator.RoleRegionalAdmin || c.PasswordHash != "hash-admin" {
			t.Fatalf("credentials %+v, %v", c, err)
		}
		op, err := db.CredentialsByEmail(ctx, "op@example.ru")
		if err != nil || op.OrganizationID != f.office.ID || op.MunicipalityID != f.mun.ID {
			t.Fatalf("operator credentials %+v, %v: the municipality must come from the organization", op, err)
		}
		if _, err := db.CredentialsByEmail(ctx, "nobody@example.ru"); navigator.ErrorKind(err) != navigator.KindNotFound {
			t.Fatalf("unknown e-mail: %v", err)
		}
		for name, s := range map[string]navigator.Staff{
			"duplicate e-mail in another case": {Email: "REGION@example.ru", Role: navigator.RoleRegionalAdmin},
		} {
			if err := db.CreateStaff(ctx, &s, "h"); navigator.ErrorKind(err) != navigator.KindConflict {
				t.Errorf("%s: %v, want conflict", name, err)
			}
		}
		for name, s := range map[string]navigator.Staff{
			"operator without organization":   {Email: "a@example.ru", Role: navigator.RoleOperator},
			"operator of a missing org":       {Email: "b@example.ru", Role: navigator.RoleOperator, OrganizationID: 999},
			"municipal admin of missing mun.": {Email: "c@example.ru", Role: navigator.RoleMunicipalAdmin, MunicipalityID: 999},
			"unknown role":                    {Email: "d@example.ru", Role: "boss"},
		} {
			if err := db.CreateStaff(ctx, &s, "h"); navigator.ErrorKind(err) != navigator.KindInvalid {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		a, err := db.ActorOf(ctx, navigator.RoleOperator, f.operator.ID)
		if err != nil || a.OrganizationID != f.office.ID || a.MunicipalityID != f.mun.ID {
			t.Fatalf("actor %+v, %v", a, err)
		}
	})
}

func TestSessions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		now := db.Now()
		clock := func() time.Time { return now }
		db.SetClock(func() time.Time { return clock() })
		s := &navigator.Session{ID: "hash1", Role: navigator.RoleRegionalAdmin, SubjectID: f.admin.ID, IP: "127.0.0.1"}
		must(t, db.CreateSession(ctx, s))
		if got, a, err := db.SessionActor(ctx, "hash1"); err != nil || got.SubjectID != f.admin.ID || a.Role != navigator.RoleRegionalAdmin || a.ID != f.admin.ID {
			t.Fatalf("session %+v, actor %+v, %v", got, a, err)
		}
		// 29 minutes idle: alive, and touched.
		now = now.Add(29 * time.Minute)
		if _, err := sessionOf(db, ctx, "hash1"); err != nil {
			t.Fatalf("after 29 idle minutes: %v", err)
		}
		// Active every 29 minutes up to 12 hours, then the absolute limit ends it.
		for i := 0; i < 24; i++ {
			now = now.Add(29 * time.Minute)
			if _, err := sessionOf(db, ctx, "hash1"); err != nil {
				if now.Sub(s.CreatedAt) < navigator.SessionAbsolute {
					t.Fatalf("ended early after %v: %v", now.Sub(s.CreatedAt), err)
				}
				break
			}
		}
		if _, err := sessionOf(db, ctx, "hash1"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("after 12 hours: %v, want unauthorized", err)
		}
		// 31 idle minutes end a fresh session.
		s2 := &navigator.Session{ID: "hash2", Role: navigator.RoleRegionalAdmin, SubjectID: f.admin.ID}
		must(t, db.CreateSession(ctx, s2))
		now = now.Add(31 * time.Minute)
		if _, err := sessionOf(db, ctx, "hash2"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("after 31 idle minutes: %v, want unauthorized", err)
		}
		// Deleting ends it at once.
		s3 := &navigator.Session{ID: "hash3", Role: navigator.RoleRegionalAdmin, SubjectID: f.admin.ID}
		must(t, db.CreateSession(ctx, s3))
		must(t, db.DeleteSession(ctx, "hash3"))
		if _, err := sessionOf(db, ctx, "hash3"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("deleted session: %v", err)
		}
	})
}

func sessionOf(db *store.DB, ctx context.Context, id string) (*navigator.Session, error) {
	s, _, err := db.SessionActor(ctx, id)
	return s, err
}

// TestSessionActor: one query says who holds a session — a parent with
// their municipality, an operator with their office and its municipality
// — and a disabled or deleted account's session is refused and removed.
func TestSessionActor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: f.mun.ID,
			LastName: "Иванова", FirstName: "Мария", Phone: "+79990000000", Email: "family@example.ru"}, ConsentOnline: true}, nil)
		must(t, err)
		must(t, db.CreateSession(ctx, &navigator.Session{ID: "parent", Role: navigator.RoleParent, SubjectID: u.ID}))
		must(t, db.CreateSession(ctx, &navigator.Session{ID: "operator", Role: navigator.RoleOperator, SubjectID: f.operator.ID}))
		if _, a, err := db.SessionActor(ctx, "parent"); err != nil || a != (navigator.Actor{Role: navigator.RoleParent, ID: u.ID, MunicipalityID: f.mun.ID}) {
			t.Fatalf("parent: %+v %v", a, err)
		}
		want := navigator.Actor{Role: navigator.RoleOperator, ID: f.operator.ID, OrganizationID: f.office.ID, MunicipalityID: f.mun.ID}
		if _, a, err := db.SessionActor(ctx, "operator"); err != nil || a != want {
			t.Fatalf("operator: %+v %v, want %+v", a, err, want)
		}
		must(t, db.SetStaffDisabled(ctx, f.operator.ID, true, nil))
		if _, _, err := db.SessionActor(ctx, "operator"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("a disabled operator's session: %v", err)
		}
		must(t, db.SetStaffDisabled(ctx, f.operator.ID, false, nil))
		if _, _, err := db.SessionActor(ctx, "operator"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("the session of a disabled account came back: %v", err)
		}
	})
}

// TestSessionMarks checks that a session's marks of being seen, gathered in
// memory, reach the database: before idle sessions are deleted, and when
// the store closes.
func TestSessionMarks(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		start := db.Now()
		now := start
		db.SetClock(func() time.Time { return now })
		must(t, db.CreateSession(ctx, &navigator.Session{ID: "operator", Role: navigator.RoleOperator, SubjectID: f.operator.ID}))
		now = start.Add(navigator.SessionIdle - time.Minute)
		s, _, err := db.SessionActor(ctx, "operator")
		if err != nil || !s.LastSeenAt.Equal(now) {
			t.Fatalf("seen %v, %v; want %v", s, err, now)
		}
		// Idle for longer than allowed since it was created, but seen 2
		// minutes ago: kept.
		now = start.Add(navigator.SessionIdle + time.Minute)
		if n, err := db.DeleteExpiredSessions(ctx); err != nil || n != 0 {
			t.Fatalf("deleted %d sessions, %v; the session was seen 2 minutes ago", n, err)
		}
		if _, _, err := db.SessionActor(ctx, "operator"); err != nil {
			t.Fatalf("the session seen 2 minutes ago: %v", err)
		}
		// The last mark is written when the store closes.
		url := db.URL()
		must(t, db.Close())
		again, err := store.Open(ctx, url)
		must(t, err)
		t.Cleanup(func() { again.Close() })
		var seen time.Time
		must(t, again.View(ctx, func(tx *store.Tx) error {
			return tx.QueryRow(ctx, "SELECT last_seen_at FROM sessions WHERE id = ?", "operator").Scan(&seen)
		}))
		if !seen.Equal(now) {
			t.Fatalf("last seen %v after closing, want %v", seen, now)
		}
	})
}
