package rush_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"navigator/internal/cli"
	"navigator/internal/rush"
	"navigator/internal/secret"
	"navigator/internal/service"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// childEnv makes the test binary a navigator server: the kill test
// starts it as a separate process, so that SIGKILL takes it down with
// whatever it had in flight.
const childEnv = "NAVIGATOR_RUSH_TEST_SERVE"

func TestMain(m *testing.M) {
	if args := os.Getenv(childEnv); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		os.Exit(cli.Run(ctx, strings.Split(args, "\x1f"), os.Getenv, os.Stdin, os.Stdout, os.Stderr))
	}
	storetest.Main(m)
}

// startServer runs `navigator serve` on the database in a child process
// and waits until it answers.
func startServer(t *testing.T, url, secretKey string) (*exec.Cmd, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join([]string{"serve", "--db", url, "--addr", addr, "--secret", secretKey, "--data-dir", t.TempDir()}, "\x1f"))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd, base
			}
		}
	}
	t.Fatal("the server did not start")
	return nil, ""
}

// TestKillDuringRush kills the server with SIGKILL in the middle of a
// rush, on both engines. After a restart every application answered 201
// is there, a retry with the same key gets the same application, no seat
// is counted twice, the wait list keeps its order and the ledger balances.
func TestKillDuringRush(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, engine)
			key := secret.Token() + secret.Token()
			keys, err := secret.New(key)
			if err != nil {
				t.Fatal(err)
			}
			db, err := store.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			db.UseKeys(keys)
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			cfg := rush.Config{Families: 1500, Groups: 5, Clients: 100, Seats: 150}
			r, err := rush.Build(ctx, db, keys, service.New(service.Deps{DB: db, Keys: keys}), cfg)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()

			server, base := startServer(t, url, key)
			var answered atomic.Int64
			fireCtx, cancel := context.WithCancel(ctx)
			done := make(chan *rush.Result, 1)
			go func() { done <- rush.Fire(fireCtx, base, r, cfg.Clients, nil, &answered) }()
			for deadline := time.Now().Add(time.Minute); answered.Load() < 300; time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					_ = server.Process.Signal(syscall.SIGKILL)
					cancel()
					t.Fatalf("in a minute the server answered only %d applications", answered.Load())
				}
			}
			if err := server.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = server.Wait()
			first := <-done
			cancel()
			if first.Created == 0 || first.Created == cfg.Families {
				t.Fatalf("the kill did not land mid-rush: %d of %d answered", first.Created, cfg.Families)
			}
			t.Logf("%d applications answered 201 before SIGKILL", first.Created)

			// Restart; every family tries again with its key, as a parent's
			// page would after an error.
			_, base = startServer(t, url, key)
			second := rush.Fire(ctx, base, r, cfg.Clients, nil, nil)
			if second.Failed > 0 {
				t.Fatalf("after the restart %d failed: %v", second.Failed, second.FirstErr)
			}
			for i, a := range first.Answers {
				if a.ID != 0 && second.Answers[i].ID != a.ID {
					t.Fatalf("family %d: answered %d before the kill, %d after", a.Family, a.ID, second.Answers[i].ID)
				}
			}

			db, err = store.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			checks, err := store.Synthetic(db).CheckSeats(ctx, r.Groups)
			if err != nil {
				t.Fatal(err)
			}
			apps := 0
			for _, c := range checks {
				if c.SeatsTaken != c.Holding || c.Holding > c.Capacity || c.OutOfOrder != 0 {
					t.Errorf("group %d after the crash: %+v", c.GroupID, c)
				}
				apps += c.Holding + c.Waiting
			}
			if apps != cfg.Families {
				t.Errorf("%d applications for %d families", apps, cfg.Families)
			}
			if n, err := store.Synthetic(db).LedgerMismatches(ctx); err != nil || n != 0 {
				t.Errorf("%d certificates out of balance, %v", n, err)
			}
		})
	}
}
