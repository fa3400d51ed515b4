package store_test

import (
	"context"
	"testing"
	"time"

	"navigator"
	"navigator/internal/secret"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestSessionEvictions: every way the store ends a session or changes
// who holds it takes effect on the very next request, although the answer
// before it was kept in memory.
func TestSessionEvictions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		other := navigator.Municipality{Code: "08", Name: "г. Соседний"}
		must(t, db.CreateMunicipality(ctx, &other))
		u, err := db.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: f.mun.ID,
			LastName: "Иванова", FirstName: "Мария", Phone: "+79990000000", Email: "family@example.ru"}, ConsentOnline: true}, nil)
		must(t, err)
		// Session IDs are the hashes of tokens, as StaffSessions expects.
		session := func(name string, role navigator.Role, subject int64) {
			t.Helper()
			id := secret.TokenHash(name)
			must(t, db.CreateSession(ctx, &navigator.Session{ID: id, Role: role, SubjectID: subject}))
			if _, _, err := db.SessionActor(ctx, id); err != nil { // now kept in memory
				t.Fatalf("session %s: %v", name, err)
			}
			if _, _, err := db.SessionActor(ctx, id); err != nil {
				t.Fatalf("session %s read again: %v", name, err)
			}
		}
		ended := func(name, after string) {
			t.Helper()
			id := secret.TokenHash(name)
			if _, _, err := db.SessionActor(ctx, id); navigator.ErrorKind(err) != navigator.KindUnauthorized {
				t.Errorf("session %s after %s: %v, want it ended", name, after, err)
			}
		}
		alive := func(name, after string) navigator.Actor {
			t.Helper()
			id := secret.TokenHash(name)
			_, a, err := db.SessionActor(ctx, id)
			if err != nil {
				t.Errorf("session %s after %s: %v, want it alive", name, after, err)
			}
			return a
		}

		session("logout", navigator.RoleOperator, f.operator.ID)
		must(t, db.DeleteSession(ctx, secret.TokenHash("logout")))
		ended("logout", "logging out")

		session("keep", navigator.RoleParent, u.ID)
		session("other-device", navigator.RoleParent, u.ID)
		must(t, db.DeleteSessionsOf(ctx, navigator.RoleParent, u.ID, secret.TokenHash("keep")))
		ended("other-device", "a new password")
		alive("keep", "a new password")

		session("moves", navigator.RoleParent, u.ID)
		moved, err := db.SiteUser(ctx, u.ID)
		must(t, err)
		moved.MunicipalityID = other.ID
		must(t, db.UpdateSiteUser(ctx, moved, nil))
		if a := alive("moves", "moving"); a.MunicipalityID != other.ID {
			t.Errorf("after moving to municipality %d the parent acts in %d", other.ID, a.MunicipalityID)
		}

		session("reset", navigator.RoleParent, u.ID)
		must(t, db.QueueEmailToken(ctx, store.EmailToken{ID: "reset-link", Purpose: "reset_password", SubjectID: u.ID,
			Email: moved.Email, Lifetime: time.Hour}, store.Mail{To: moved.Email, Subject: "Сброс пароля", Body: "…"}, nil))
		if _, err := db.ResetPassword(ctx, "reset-link", "new-hash"); err != nil {
			t.Fatal(err)
		}
		ended("reset", "a reset of the password")

		session("ended-by-admin", navigator.RoleOperator, f.operator.ID)
		sessions, err := db.StaffSessions(ctx, f.operator.ID)
		must(t, err)
		for _, s := range sessions {
			must(t, db.EndStaffSession(ctx, f.operator.ID, s.Ref, nil))
		}
		ended("ended-by-admin", "the admin ended it")

		session("disabled", navigator.RoleOperator, f.operator.ID)
		must(t, db.SetStaffDisabled(ctx, f.operator.ID, true, nil))
		ended("disabled", "disabling the account")
		must(t, db.SetStaffDisabled(ctx, f.operator.ID, false, nil))
		ended("disabled", "enabling the account again")
	})
}

// TestSessionCacheIsUsed: the second request of a session is answered
// from memory. A change made behind the store's back (here raw SQL,
// which the store's own methods never do) shows once the kept answer is
// sessionCacheFor old: the cache bounds how stale it can be.
func TestSessionCacheIsUsed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		now := db.Now()
		db.SetClock(func() time.Time { return now })
		must(t, db.CreateSession(ctx, &navigator.Session{ID: "operator", Role: navigator.RoleOperator, SubjectID: f.operator.ID}))
		waitUntilKept(t, db, "operator")
		must(t, db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE id = ?", "operator")
			return err
		}))
		if _, _, err := db.SessionActor(ctx, "operator"); err != nil {
			t.Fatalf("the kept answer was not used: %v", err)
		}
		now = now.Add(5*time.Minute + time.Second)
		if _, _, err := db.SessionActor(ctx, "operator"); navigator.ErrorKind(err) != navigator.KindUnauthorized {
			t.Fatalf("5 minutes later the session deleted behind the store's back is still taken: %v", err)
		}
	})
}

// waitUntilKept reads a session until its answer is kept in memory: on
// PostgreSQL only once the store listens to the other servers.
func waitUntilKept(t *testing.T, db *store.DB, id string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !store.SessionKept(db, id) {
		if time.Now().After(deadline) {
			t.Fatalf("session %s was never kept in memory", id)
		}
		if _, _, err := db.SessionActor(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSessionsAcrossServers: two stores on one PostgreSQL database stand
// for two servers. Each keeps the sessions it read; logging out, a new
// password or disabling through one ends them on the other within the
// moment a notification takes.
func TestSessionsAcrossServers(t *testing.T) {
	t.Parallel()
	a := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	b, err := store.Open(ctx, a.URL())
	must(t, err)
	t.Cleanup(func() { b.Close() })
	f := newFixture(t, a)
	u, err := a.CreateSiteUser(ctx, store.NewSiteUser{SiteUserInput: navigator.SiteUserInput{MunicipalityID: f.mun.ID,
		LastName: "Иванова", FirstName: "Мария", Phone: "+79990000000", Email: "family@example.ru"}, ConsentOnline: true}, nil)
	must(t, err)
	for _, c := range []struct {
		id      string
		role    navigator.Role
		subject int64
		end     func() error
	}{
		{"logout", navigator.RoleParent, u.ID, func() error { return a.DeleteSession(ctx, "logout") }},
		{"other-device", navigator.RoleParent, u.ID, func() error { return a.DeleteSessionsOf(ctx, navigator.RoleParent, u.ID, "") }},
		{"disabled", navigator.RoleOperator, f.operator.ID, func() error { return a.SetStaffDisabled(ctx, f.operator.ID, true, nil) }},
	} {
		must(t, a.CreateSession(ctx, &navigator.Session{ID: c.id, Role: c.role, SubjectID: c.subject}))
		waitUntilKept(t, b, c.id)
		must(t, c.end())
		start := time.Now()
		for {
			_, _, err := b.SessionActor(ctx, c.id)
			if navigator.ErrorKind(err) == navigator.KindUnauthorized {
				t.Logf("%s: ended on the other server after %v", c.id, time.Since(start).Round(time.Microsecond))
				break
			}
			if time.Since(start) > 2*time.Second {
				t.Fatalf("%s: still taken on the other server 2 s after it ended: %v", c.id, err)
			}
			time.Sleep(time.Millisecond)
		}
	}

	// The listener's connection is cut: nothing is kept until it is back,
	// and then sessions are kept again.
	must(t, a.CreateSession(ctx, &navigator.Session{ID: "after-cut", Role: navigator.RoleParent, SubjectID: u.ID}))
	waitUntilKept(t, b, "after-cut")
	must(t, a.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'")
		return err
	}))
	deadline := time.Now().Add(10 * time.Second)
	for store.SessionKept(b, "after-cut") {
		if time.Now().After(deadline) {
			t.Fatal("the session stayed in memory after the listener was cut")
		}
		time.Sleep(time.Millisecond)
	}
	waitUntilKept(t, b, "after-cut")
}
