package failover_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"navigator/internal/pgcluster"
	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/service"
	"navigator/internal/store"
)

// servers is how many `navigator serve` processes share the database.
const servers = 3

// TestFailoverDrill kills the primary with SIGKILL in the middle of a
// rush through three servers, promotes the synchronous standby, and
// checks that the servers came back by themselves and that nothing a
// family was told 201 about is lost: every such application is on the
// new primary, no seat is counted twice, the ledger balances. It reports
// the seconds the region could not take applications.
func TestFailoverDrill(t *testing.T) {
	bin := pgcluster.Require(t)
	ctx := context.Background()
	// The standby must have flushed a commit's WAL before the primary
	// answers it: what a family was told is then on the standby.
	primary, err := pgcluster.InitPrimary(ctx, pgcluster.Options{Bin: bin, Conf: []string{"synchronous_commit = on"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { primary.Remove() })
	if err := primary.Exec(ctx, "postgres", "CREATE DATABASE navigator"); err != nil {
		t.Fatal(err)
	}
	standby, err := primary.Standby(ctx, "standby1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { standby.Remove() })
	// Synchronous only once the standby streams: before, every commit
	// (CREATE DATABASE included) would wait for it.
	if err := primary.Exec(ctx, "postgres", "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (standby1)'", "SELECT pg_reload_conf()"); err != nil {
		t.Fatal(err)
	}
	if err := primary.WaitStreaming(ctx, "standby1", true); err != nil {
		t.Fatal(err)
	}
	// Both hosts in one string: pgx tries them in order and keeps the one
	// that takes writes, so after the promotion new connections find the
	// new primary with no change on the servers.
	url := fmt.Sprintf("postgres://postgres@%s,%s/navigator?sslmode=disable&target_session_attrs=read-write&connect_timeout=2",
		primary.Addr(), standby.Addr())

	key := secret.Token() + secret.Token()
	start := time.Now()
	// The binary compiles while the region is seeded: two slow steps at
	// once on different cores.
	compiledc := make(chan compiled, 1)
	out := filepath.Join(t.TempDir(), "navigator")
	go func() { compiledc <- buildBinary(out) }()
	region := build(t, url, key)
	built := time.Now()
	c := <-compiledc
	if c.err != nil {
		t.Fatal(c.err)
	}
	navigator, compiled := out, c.at
	bases := make([]string, servers)
	for i := range bases {
		bases[i] = startServer(t, navigator, url, key)
	}
	t.Logf("failover drill: region %.1f s, go build done %.1f s after the start, servers %.1f s",
		built.Sub(start).Seconds(), compiled.Sub(start).Seconds(), time.Since(built).Seconds())

	d := &drill{bases: bases, region: region, ids: make([]int64, len(region.Families))}
	fireCtx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); d.fire(fireCtx, 60) }()
	for deadline := time.Now().Add(30 * time.Second); d.created.Load() < 300; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("in 30 s the servers answered only %d applications", d.created.Load())
		}
	}
	killedAt := time.Now()
	d.killed.Store(killedAt.UnixNano())
	shedBefore := d.retries.Load() // 503s of the admission gate under the rush, before the kill
	if err := primary.Kill(); err != nil {
		t.Fatal(err)
	}
	atKill := d.created.Load()
	dead := time.Since(killedAt)
	// The operator's (or the watchdog's) decision: here at once.
	if err := standby.Promote(ctx); err != nil {
		t.Fatal(err)
	}
	promotedAt := time.Now()
	d.promoted.Store(promotedAt.UnixNano())
	t.Logf("failover drill: pg_promote took %.2f s", standby.Promoted.Seconds())
	<-done
	if d.failed.Load() > 0 {
		t.Fatalf("%d families never got an answer: %v", d.failed.Load(), d.firstErr)
	}

	firstFail, firstOK := time.Unix(0, d.firstFail.Load()), time.Unix(0, d.firstOKAfter.Load())
	t.Logf("failover drill: no application taken for %.2f s (SIGKILL to the first 201 after promotion)", firstOK.Sub(killedAt).Seconds())
	if d.firstFail.Load() == 0 {
		t.Fatal("no request failed: the kill did not land during the rush")
	}
	t.Logf("failover drill: %d families, %d servers; %d answered 201 before SIGKILL; %d tries retried before the kill (shed), %d after",
		len(region.Families), servers, atKill, shedBefore, d.retries.Load()-shedBefore)
	t.Logf("failover drill: primary dead %.2f s after SIGKILL; promoted %.2f s after the kill; unavailable %.2f s (first failure after the kill to first 201 after promotion); first 201 %.2f s after promotion",
		dead.Seconds(), promotedAt.Sub(killedAt).Seconds(), firstOK.Sub(firstFail).Seconds(), firstOK.Sub(promotedAt).Seconds())

	check(t, standby.URL("navigator"), key, region, d.ids)
}

// build migrates the database and fills it with the rush's region.
func build(t *testing.T, url, key string) *rush.Region {
	t.Helper()
	ctx := context.Background()
	keys, err := secret.New(key)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.UseKeys(keys)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := rush.Build(ctx, db, keys, service.New(service.Deps{DB: db, Keys: keys}), rush.Config{Families: 1500, Groups: 5, Clients: 60, Seats: 150})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type compiled struct {
	at  time.Time
	err error
}

// buildBinary builds navigator once into out, without -race: the servers
// are processes of their own, as in production.
func buildBinary(out string) compiled {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return compiled{err: fmt.Errorf("the drill builds navigator with the go command: %w", err)}
	}
	if b, err := exec.Command(goBin, "build", "-o", out, "navigator/cmd/navigator").CombinedOutput(); err != nil {
		return compiled{err: fmt.Errorf("go build: %w\n%s", err, b)}
	}
	return compiled{at: time.Now()}
}

// startServer runs `navigator serve` and waits until it is ready.
func startServer(t *testing.T, bin, url, key string) string {
	t.Helper()
	port, err := pgcluster.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	logf, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--db", url, "--addr", addr, "--secret", key, "--data-dir", t.TempDir(), "--log", "json")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("server %s log (tail):\n%s", addr, tailBytes(b, 3000))
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
	}
	t.Fatalf("server on %s did not start", addr)
	return ""
}

func tailBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// drill is the rush during the failover: each family tries, round robin
// over the servers, until it is answered 201, retrying a failure with its
// Idempotency-Key as a parent's page would.
type drill struct {
	bases  []string
	region *rush.Region
	ids    []int64 // the application each family was answered 201 with

	created      atomic.Int64
	retries      atomic.Int64
	failed       atomic.Int64
	killed       atomic.Int64 // UnixNano of the SIGKILL
	promoted     atomic.Int64 // UnixNano of the promotion
	firstFail    atomic.Int64 // UnixNano of the first failed try after the kill
	firstOKAfter atomic.Int64 // UnixNano of the first 201 after the promotion
	mu           sync.Mutex
	firstErr     error
}

func (d *drill) fire(ctx context.Context, clients int) {
	next := make(chan int)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
			for i := range next {
				d.apply(ctx, hc, c, i)
			}
		}()
	}
	for i := range d.region.Families {
		next <- i
	}
	close(next)
	wg.Wait()
}

func (d *drill) apply(ctx context.Context, hc *http.Client, client, i int) {
	r := d.region
	body := fmt.Appendf(nil, `{"child_id": %d, "group_id": %d}`, r.Families[i].ChildID, r.Target[i])
	for try := 0; ; try++ {
		if ctx.Err() != nil {
			d.fail(fmt.Errorf("family %d: %w", i, ctx.Err()))
			return
		}
		base := d.bases[(client+i+try)%len(d.bases)]
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/applications", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+r.Tokens[i])
		req.Header.Set("Idempotency-Key", "drill-"+strconv.Itoa(i))
		resp, err := hc.Do(req)
		status, out := 0, []byte(nil)
		if err == nil {
			out, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
		}
		if status == http.StatusCreated {
			var a struct {
				ID int64 `json:"id"`
			}
			if err := json.Unmarshal(out, &a); err != nil || a.ID == 0 {
				d.fail(fmt.Errorf("family %d: 201 without an id: %s", i, out))
				return
			}
			now := time.Now().UnixNano()
			if p := d.promoted.Load(); p != 0 && now > p {
				d.firstOKAfter.CompareAndSwap(0, now)
			}
			d.ids[i] = a.ID
			d.created.Add(1)
			return
		}
		if status >= 400 && status < 500 && status != http.StatusTooManyRequests {
			d.fail(fmt.Errorf("family %d: %d %s", i, status, out))
			return
		}
		// The database is away (5xx) or the server did not answer: the
		// region is unavailable for this family; try again shortly.
		if d.killed.Load() != 0 {
			d.firstFail.CompareAndSwap(0, time.Now().UnixNano())
		}
		d.retries.Add(1)
		time.Sleep(50 * time.Millisecond)
	}
}

func (d *drill) fail(err error) {
	d.failed.Add(1)
	d.mu.Lock()
	if d.firstErr == nil {
		d.firstErr = err
	}
	d.mu.Unlock()
}

// check reads the new primary: every application answered 201 is there,
// each group's counter equals the seats held and no more than its
// capacity, every family has exactly one application, the ledger
// balances.
func check(t *testing.T, url, key string, r *rush.Region, ids []int64) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var found int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM applications WHERE id = ANY($1)", ids).Scan(&found); err != nil {
		t.Fatal(err)
	}
	if found != len(ids) {
		t.Errorf("%d of %d applications answered 201 are on the new primary", found, len(ids))
	}
	checks, err := store.Synthetic(db).CheckSeats(ctx, r.Groups)
	if err != nil {
		t.Fatal(err)
	}
	apps, taken, capacity := 0, 0, 0
	for _, g := range checks {
		if g.SeatsTaken != g.Holding || g.Holding > g.Capacity {
			t.Errorf("group %d after the failover: %+v", g.GroupID, g)
		}
		apps += g.Holding + g.Waiting
		taken += g.Holding
		capacity += g.Capacity
	}
	if apps != len(r.Families) {
		t.Errorf("%d applications for %d families", apps, len(r.Families))
	}
	if n, err := store.Synthetic(db).LedgerMismatches(ctx); err != nil || n != 0 {
		t.Errorf("%d certificates out of balance, %v", n, err)
	}
	t.Logf("failover drill: on the new primary %d applications, %d seats taken of %d, %d free; ledger balanced", apps, taken, capacity, capacity-taken)
}
