// Package browsertest drives Debian's headless Chromium for page tests.
// Without Chromium the tests skip locally and fail in CI.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Mark is in the name of every test that opens a browser: CI runs them
// apart with go test -run Mark.
const Mark = "InBrowser"

// EnvLater, set to 1 in a test binary built with -race, skips the page
// tests: CI runs them in a step of their own without the race detector.
// Under it the in-process server renders every page several times slower
// while nothing in a page walk runs concurrently that the API tests,
// which stay under -race, do not run too.
const EnvLater = "NAVIGATOR_PAGE_TESTS_LATER"

// Path finds the browser or skips the test (fails it in CI).
func Path(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("NAVIGATOR_TEST_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed: CI must run the page tests (apt-get install chromium)")
	}
	t.Skip("page tests skipped: install Debian's chromium package to run them")
	return ""
}

// Require checks that t may open a browser and returns Chromium's path:
// the test's name carries Mark; under -race with EnvLater set it skips
// (CI's page step runs it); without Chromium it skips, or fails in CI. A
// page test whose subtests depend on each other calls it first, so that
// it skips whole rather than from its first browser on.
func Require(t testing.TB) string {
	t.Helper()
	if top, _, _ := strings.Cut(t.Name(), "/"); !strings.Contains(top, Mark) {
		t.Fatalf("%s opens a browser: its name must contain %q, so that CI's page step (go test -run %s) runs it", top, Mark, Mark)
	}
	if raceDetector && os.Getenv(EnvLater) == "1" {
		t.Skipf("page test: %s=1, so it runs in CI's page step, without the race detector", EnvLater)
	}
	return Path(t)
}

// New returns a fresh browser context (its own cookies and storage, as
// a new profile has) in a new tab of the test process's one headless
// Chromium, started by the first test that asks; the tab closes with the
// test. Starting a Chromium costs a second of processor and the page
// tests open dozens of tabs: one browser for all of them is most of what
// they cost in CI. A browser that died is started anew.
func New(t testing.TB) context.Context {
	t.Helper()
	parent, err := shared.get(Require(t))
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelCtx := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 800)); err != nil { // a small phone
		t.Fatalf("open a tab in chromium: %v", err)
	}
	return ctx
}

// Close stops the shared Chromium and removes its profile; a package's
// TestMain calls it after the tests (storetest.Main(m, browsertest.Close)).
func Close() { shared.close() }

// shared is the test process's Chromium.
var shared browser

// browser is one running headless Chromium.
type browser struct {
	mu     sync.Mutex
	ctx    context.Context // its first tab: the tests' tabs are opened from it
	cancel func()
	dir    string // its profile
}

// get returns the running browser's context, starting one if there is
// none or the last one died.
func (b *browser) get(path string) (context.Context, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx != nil && b.ctx.Err() == nil {
		return b.ctx, nil
	}
	b.stop()
	dir, err := os.MkdirTemp("", "navigator-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(360, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	b.ctx, b.dir = ctx, dir
	b.cancel = func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		b.stop()
		return nil, err
	}
	return ctx, nil
}

func (b *browser) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stop()
}

// stop ends the browser, if any; b.mu is held.
func (b *browser) stop() {
	if b.cancel != nil {
		b.cancel()
	}
	if b.dir != "" {
		os.RemoveAll(b.dir)
	}
	b.ctx, b.cancel, b.dir = nil, nil, ""
}

// tabTimeout ends a test's tab that hangs. Page tests run in parallel in
// one browser on two shared cores, where a long walk with axe-core on
// every page takes a minute when the machine is busy.
const tabTimeout = 3 * time.Minute
