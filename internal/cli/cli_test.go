package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"navigator"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

const testSecret = "cli-test-secret-0123456789abcdef-xyz"

// run runs the command with the environment and input given.
func run(t *testing.T, ctx context.Context, env map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = Run(ctx, args, getenv, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBadInputIsOneLineAndNonZero(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	os.WriteFile(corrupt, bytes.Repeat([]byte("not a database "), 500), 0o600)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	env := map[string]string{"NAVIGATOR_SECRET": testSecret}
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown engine", []string{"serve", "--db", "mysql://x"}, env, `unsupported database "mysql"`},
		{"corrupted file", []string{"migrate", "--db", "sqlite:" + corrupt}, env, "not a SQLite database or is corrupted"},
		{"missing folder", []string{"migrate", "--db", "sqlite:" + filepath.Join(dir, "nope", "n.db")}, env, "does not exist"},
		{"folder instead of file", []string{"migrate", "--db", "sqlite:" + dir}, env, "is a folder"},
		{"port in use", []string{"serve", "--addr", busy.Addr().String(), "--db", "sqlite:" + filepath.Join(dir, "p.db")}, env, "address already in use"},
		{"short secret", []string{"serve", "--db", "sqlite:" + filepath.Join(dir, "s.db"), "--secret", "short"}, nil, "secret key is too short"},
		{"latency target inside the wait", []string{"serve", "--db", "sqlite:" + filepath.Join(dir, "l.db"), "--latency-target", "40ms", "--shed-wait", "50ms"}, env, "--latency-target must be longer than --shed-wait"},
		{"replica on sqlite", []string{"serve", "--db", "sqlite:" + filepath.Join(dir, "q.db"), "--db-replica", "postgres://postgres@127.0.0.1:5432/test"}, env, "--db-replica needs --db postgres://"},
		{"no slots", []string{"bench", "rush", "--max-in-flight", "0"}, env, "--max-in-flight must be at least 1"},
		{"servers on SQLite", []string{"bench", "rush", "--servers", "3"}, env, "--servers needs --db postgres://"},
		{"jobs period too short", []string{"serve", "--db", "sqlite:" + filepath.Join(dir, "j.db")}, map[string]string{"NAVIGATOR_SECRET": testSecret, "NAVIGATOR_JOBS_EVERY": "1ms"}, "NAVIGATOR_JOBS_EVERY"},
		{"unknown command", []string{"fly"}, env, `unknown command "fly"`},
		{"unknown flag", []string{"migrate", "--dbb", "x"}, env, "flag provided but not defined"},
		{"staff without stdin flag", []string{"staff", "add", "--email", "a@example.ru", "--role", "regional_admin"}, env, "--password-stdin is required"},
		{"staff bad role", []string{"staff", "add", "--email", "a@example.ru", "--role", "king", "--password-stdin", "--db", "sqlite:" + filepath.Join(dir, "r.db")}, env, "Роль"},
		{"unreachable postgres", []string{"migrate", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, env, "cannot connect"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := run(t, context.Background(), c.env, "a long enough password\n", c.args...)
			if code == 0 {
				t.Fatalf("exit 0, want non-zero; stderr %q", stderr)
			}
			if strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 || !strings.HasPrefix(stderr, "navigator: ") {
				t.Errorf("stderr is not one line: %q", stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q lacks %q", stderr, c.want)
			}
		})
	}
}

func TestMigrateAndStaffAdd(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			env := map[string]string{"NAVIGATOR_DB": storetest.URL(t, engine), "NAVIGATOR_SECRET": testSecret, "NAVIGATOR_DATA_DIR": t.TempDir()}
			code, out, errs := run(t, ctx, env, "", "migrate")
			if code != 0 || !strings.Contains(out, "версия схемы") {
				t.Fatalf("migrate: %d %q %q", code, out, errs)
			}
			code, out, errs = run(t, ctx, env, "a long staff password\n", "staff", "add", "--email", "Admin@Example.ru", "--role", "regional_admin", "--password-stdin")
			if code != 0 {
				t.Fatalf("staff add: %d %q", code, errs)
			}
			if !regexp.MustCompile(`(?m)^otpauth://totp/.*secret=[A-Z2-7]+`).MatchString(out) {
				t.Errorf("no otpauth line in %q", out)
			}
			code, _, errs = run(t, ctx, env, "a long staff password\n", "staff", "add", "--email", "admin@example.ru", "--role", "regional_admin", "--password-stdin")
			if code == 0 || !strings.Contains(errs, "уже есть") {
				t.Errorf("duplicate staff: %d %q", code, errs)
			}
			code, _, errs = run(t, ctx, env, "12345678\n", "staff", "add", "--email", "b@example.ru", "--role", "regional_admin", "--password-stdin")
			if code == 0 || !strings.Contains(errs, "распространён") {
				t.Errorf("common password: %d %q", code, errs)
			}
			code, _, errs = run(t, ctx, env, "a long staff password\n", "staff", "add", "--email", "op@example.ru", "--role", "operator", "--organization", "42", "--password-stdin")
			if code == 0 || !strings.Contains(errs, "Организация не найдена") {
				t.Errorf("operator of a missing organization: %d %q", code, errs)
			}
		})
	}
}

func TestDefaultDataFolderIsCreatedWithSecret(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, context.Background(), nil, "a long staff password\n", "staff", "add", "--email", "r@example.ru", "--role", "regional_admin", "--password-stdin")
	if code != 0 {
		t.Fatalf("staff add on the default database: %q", errs)
	}
	for _, f := range []string{"data/navigator.db", "data/secret.key"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestServeDemoAndShutdown runs the real program: serve --demo on an empty
// database, a page and the API answer, and a cancel shuts it down cleanly.
func TestServeDemoAndShutdown(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := ln.Addr().String()
			ln.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			env := map[string]string{"NAVIGATOR_DB": storetest.URL(t, engine), "NAVIGATOR_SECRET": testSecret, "NAVIGATOR_DATA_DIR": t.TempDir()}
			var out, errb syncBuffer
			done := make(chan int, 1)
			go func() {
				done <- Run(ctx, []string{"serve", "--demo", "--addr", addr}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
			}()
			body := waitFor(t, "http://"+addr+"/", done, &errb)
			if !strings.Contains(body, "<title>Навигатор дополнительного образования</title>") {
				t.Errorf("home page title missing: %s", body[:min(len(body), 300)])
			}
			for _, want := range []string{"regional_admin", "operator", "provider", "municipal_admin", "demo-parent-2026", "Демонстрационный регион"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("demo output lacks %q:\n%s", want, out.String())
				}
			}
			cancel()
			select {
			case code := <-done:
				if code != 0 {
					t.Fatalf("serve exited %d: %s", code, errb.String())
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not shut down")
			}
			if strings.Contains(errb.String(), "@") {
				t.Errorf("the log mentions an e-mail: %s", errb.String())
			}
		})
	}
}

func waitFor(t *testing.T, url string, done chan int, errb *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(120 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return string(b)
			}
			t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s did not answer", url)
	return ""
}

// TestDemoPagesOnlyForDemoDatabase: serve --demo on a region's own
// database, which the demo did not make, leaves /demo/mail and /demo/codes
// closed: they would show every letter's link and every second-factor
// code. On a database the demo made they open.
func TestDemoPagesOnlyForDemoDatabase(t *testing.T) {
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, engine)
			db, err := store.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.SetRegion(ctx, navigator.Region{Code: "54", Name: "Новосибирская область"}); err != nil {
				t.Fatal(err)
			}
			db.Close()
			for _, demoDB := range []bool{false, true} {
				if demoDB {
					url = storetest.URL(t, engine)
				}
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				addr := ln.Addr().String()
				ln.Close()
				runCtx, cancel := context.WithCancel(ctx)
				env := map[string]string{"NAVIGATOR_DB": url, "NAVIGATOR_SECRET": testSecret, "NAVIGATOR_DATA_DIR": t.TempDir()}
				var out, errb syncBuffer
				done := make(chan int, 1)
				go func() {
					done <- Run(runCtx, []string{"serve", "--demo", "--addr", addr}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
				}()
				waitFor(t, "http://"+addr+"/", done, &errb)
				for _, page := range []string{"/demo/mail", "/demo/codes"} {
					resp, err := http.Get("http://" + addr + page)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					if want := map[bool]int{false: 404, true: 200}[demoDB]; resp.StatusCode != want {
						t.Errorf("demo database %v: GET %s = %d, want %d", demoDB, page, resp.StatusCode, want)
					}
				}
				cancel()
				<-done
			}
		})
	}
}
