package replica_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"navigator"
	"navigator/internal/metrics"
	"navigator/internal/pgcluster"
	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/server"
	"navigator/internal/service"
	"navigator/internal/store"
)

// TestReplicaServesCatalog runs the catalog on a primary and a real
// streaming replica and walks through what a replica may and may not do:
// anonymous catalog reads go to it; a signed-in person reads their own
// write at once from the primary; a replica whose replay is paused beyond
// the bound is skipped; a stopped one falls back to the primary without
// an error; /metrics shows the lag all along.
func TestReplicaServesCatalog(t *testing.T) {
	bin := pgcluster.Require(t)
	ctx := context.Background()
	primary, err := pgcluster.InitPrimary(ctx, pgcluster.Options{Bin: bin, Conf: []string{"fsync = off"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { primary.Remove() })
	if err := primary.Exec(ctx, "postgres", "CREATE DATABASE navigator"); err != nil {
		t.Fatal(err)
	}
	standby, err := primary.Standby(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { standby.Remove() })

	keys, err := secret.New(secret.Token() + secret.Token())
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, primary.URL("navigator"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.UseKeys(keys)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := service.New(service.Deps{DB: db, Keys: keys})
	region, err := rush.Build(ctx, db, keys, svc, rush.Config{Families: 2, Groups: 1, Clients: 1})
	if err != nil {
		t.Fatal(err)
	}
	const maxLag = 2 * time.Second
	if err := db.UseReplicas(ctx, []string{standby.URL("navigator")}, store.ReplicaOptions{MaxLag: maxLag, Every: 100 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	name := standby.Addr()
	sv, err := rush.Serve(db, keys, svc, server.Config{CatalogMaxAge: -1, Metrics: metrics.New(db)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sv.Stop)

	page, err := db.ListPrograms(ctx, navigatorFilter())
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("catalog on the primary: %v, %v", page, err)
	}
	id := page.Items[0].ID
	waitUsed(t, db, true) // the standby has replayed the seeding

	// 1. Anonymous catalog pages and API are served by the replica.
	before := replicaReads(db)
	for _, path := range []string{"/", "/programs", "/programs?q=робототехника", fmt.Sprintf("/programs/%d", id), "/api/v1/programs", fmt.Sprintf("/api/v1/programs/%d", id)} {
		if code, _ := get(t, sv.Base+path, ""); code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, code)
		}
	}
	if n := replicaReads(db) - before; n < 6 {
		t.Fatalf("the replica served %d catalog reads of six anonymous pages", n)
	}

	// 2. With replay paused a write on the primary is not on the replica:
	// an anonymous reader still gets the old title — which proves the
	// replica answers — while the signed-in person who wrote it reads it
	// back at once.
	if err := standby.Exec(ctx, "postgres", "SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	old := page.Items[0].Title
	if err := primary.Exec(ctx, "navigator", fmt.Sprintf("UPDATE programs SET title = 'Новое название' WHERE id = %d", id)); err != nil {
		t.Fatal(err)
	}
	if got := apiTitle(t, sv.Base, id, ""); got != old {
		t.Fatalf("anonymous read within the bound: %q, want the replica's %q", got, old)
	}
	if got := apiTitle(t, sv.Base, id, region.Tokens[0]); got != "Новое название" {
		t.Fatalf("signed-in read after the write: %q, want the primary's new title", got)
	}

	// 3. Beyond the bound the replica is skipped: the primary serves, and
	// /metrics shows how far behind it is.
	waitUsed(t, db, false)
	if got := apiTitle(t, sv.Base, id, ""); got != "Новое название" {
		t.Fatalf("anonymous read with the replica beyond the bound: %q", got)
	}
	m := scrape(t, sv.Base)
	if lag := metric(t, m, `navigator_db_replica_lag_seconds{replica="`+name+`"}`); lag <= maxLag.Seconds() {
		t.Fatalf("/metrics lag %.2f s with replay paused, want over %s", lag, maxLag)
	}
	if used := metric(t, m, `navigator_db_replica_used{replica="`+name+`"}`); used != 0 {
		t.Fatalf("/metrics says the lagging replica is used")
	}

	// 4. Replay resumed: the replica catches up and serves again.
	if err := standby.Exec(ctx, "postgres", "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	waitUsed(t, db, true)
	before = replicaReads(db)
	if got := apiTitle(t, sv.Base, id, ""); got != "Новое название" {
		t.Fatalf("caught-up replica: %q", got)
	}
	if replicaReads(db) == before {
		t.Fatal("the caught-up replica did not serve the read")
	}
	if lag := metric(t, scrape(t, sv.Base), `navigator_db_replica_lag_seconds{replica="`+name+`"}`); lag > maxLag.Seconds() {
		t.Fatalf("/metrics lag %.2f s after catching up", lag)
	}

	// 5. The replica stopped: reads fall back to the primary, at once
	// and after the watcher has noticed, with no error.
	if err := standby.Stop(); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if got := apiTitle(t, sv.Base, id, ""); got != "Новое название" {
			t.Fatalf("with the replica stopped: %q", got)
		}
	}
	waitUsed(t, db, false)
	if up := metric(t, scrape(t, sv.Base), `navigator_db_replica_up{replica="`+name+`"}`); up != 0 {
		t.Fatal("/metrics says the stopped replica is up")
	}
	if code, _ := get(t, sv.Base+"/programs", ""); code != http.StatusOK {
		t.Fatalf("catalog page with the replica stopped: %d", code)
	}
}

func navigatorFilter() navigator.ProgramFilter { return navigator.ProgramFilter{PerPage: 1} }

func replicaReads(db *store.DB) int64 {
	stats, _ := db.ReplicaStats()
	var n int64
	for _, s := range stats {
		n += s.Reads
	}
	return n
}

// waitUsed waits until the lag watcher has the replica usable (or not).
func waitUsed(t *testing.T, db *store.DB, want bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		stats, _ := db.ReplicaStats()
		if len(stats) == 1 && stats[0].Used == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica used=%v not reached in 20 s: %+v", want, stats)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func get(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func apiTitle(t *testing.T, base string, id int64, token string) string {
	t.Helper()
	code, b := get(t, fmt.Sprintf("%s/api/v1/programs/%d", base, id), token)
	if code != http.StatusOK {
		t.Fatalf("program %d: %d %s", id, code, b)
	}
	var p struct {
		Title string `json:"title"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p.Title
}

func scrape(t *testing.T, base string) string {
	t.Helper()
	code, b := get(t, base+"/metrics", "")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	return string(b)
}

func metric(t *testing.T, body, series string) float64 {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("/metrics has no %s", series)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
