package cluster_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/cluster"
	"navigator/internal/cluster/clustertest"
	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/service"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// testSecret is the installation secret of every server of a test
// cluster and of the test's own handle on the database.
const testSecret = "cluster tests: not a secret but a fixed key 0123456789abcdef"

// rushPassword is the password rush.Build gives the demo families.
const rushPassword = "rush-parent-password"

// region is a cluster on a fresh PostgreSQL database with the rush's
// synthetic region, and the test's own handle on that database.
type region struct {
	*cluster.Cluster
	db    *store.DB
	keys  *secret.Keys
	rush  *rush.Region
	cfg   rush.Config
	fresh func() string // a demo family's e-mail no other subtest uses
}

// startRegion builds the rush region on a fresh database and starts three
// servers on it behind HAProxy, with args and env on every server.
func startRegion(t *testing.T, cfg rush.Config, args, env []string) *region {
	t.Helper()
	hap := clustertest.HAProxy(t)
	ctx := context.Background()
	u := storetest.URL(t, store.Postgres)
	bin := clustertest.Binary(t) // after the skips: a build takes a while
	db, keys := migrated(t, ctx, u, 8)
	start := time.Now()
	r, err := rush.Build(ctx, db, keys, service.New(service.Deps{DB: db, Keys: keys}), cfg)
	if err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)
	cl := clustertest.Start(t, cluster.Config{Binary: bin, HAProxy: hap, DB: u, Secret: testSecret, Servers: 3,
		// The test database's server is shared: three servers of eight
		// connections leave room for the others.
		Args: append([]string{"--db-conns", "8"}, args...), Env: env})
	t.Logf("region built in %s, three servers and HAProxy up in %s more", built.Round(time.Millisecond), (time.Since(start) - built).Round(time.Millisecond))
	emails := familyEmails(t, db)
	return &region{Cluster: cl, db: db, keys: keys, rush: r, cfg: cfg, fresh: func() string {
		e := emails[0]
		emails = emails[1:]
		return e
	}}
}

// familyEmails are the demo families' e-mails (they sign in with
// rushPassword).
func familyEmails(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	err := db.View(context.Background(), func(tx *store.Tx) error {
		rows, err := tx.Query(context.Background(), "SELECT email FROM site_users WHERE email NOT LIKE '%@load.example.ru' ORDER BY id LIMIT 20")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil || len(out) < 5 {
		t.Fatalf("demo families: %v (%d)", err, len(out))
	}
	return out
}

// staffSession makes a session of a demo staff member in the database, as
// a sign-in with its second factor would, and returns its token.
func staffSession(t *testing.T, db *store.DB, email string) (token string, id int64) {
	t.Helper()
	ctx := context.Background()
	c, err := db.CredentialsByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	token = secret.Token()
	if err := db.CreateSession(ctx, &navigator.Session{ID: secret.TokenHash(token), Role: c.Role, SubjectID: c.ID, IP: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	return token, c.ID
}

// reply is an answer of a server.
type reply struct {
	status int
	header http.Header
	body   string
}

var client = &http.Client{Timeout: 30 * time.Second}

// call sends a request to base and reads the whole answer.
func call(t *testing.T, method, base, path, token string, body any, header ...string) reply {
	t.Helper()
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, ctype = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd, ctype = bytes.NewReader(j), "application/json"
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s%s: %v", method, base, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// login signs a parent in through base and returns the session token.
func login(t *testing.T, base, email, password string) string {
	t.Helper()
	r := call(t, http.MethodPost, base, "/api/v1/auth/login", "", map[string]string{"email": email, "password": password})
	if r.status != http.StatusOK {
		t.Fatalf("sign-in of %s through %s: %d %s", email, base, r.status, r.body)
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(r.body), &out); err != nil || out.Token == "" {
		t.Fatalf("sign-in answer %s: %v", r.body, err)
	}
	return out.Token
}

// migrated opens the database at u with the servers' keys and at most
// conns connections, and migrates it; the store closes with the test.
func migrated(t *testing.T, ctx context.Context, u string, conns int) (*store.DB, *secret.Keys) {
	t.Helper()
	keys, err := secret.New(testSecret)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.LimitConns(conns)
	db.UseKeys(keys)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db, keys
}
