// Package clustertest gives the tests of several servers what they need:
// the navigator binary built once per test process, HAProxy (skipped
// locally when it is missing, failed in CI), and a cluster stopped when
// the test ends.
package clustertest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"navigator/internal/cluster"
	"navigator/internal/storetest"
)

var (
	buildOnce sync.Once
	buildDir  string
	binary    string
	buildErr  error
)

// Binary returns the navigator binary, built once per test process from
// this module (without -race: the servers are the system under test, not
// the code under the race detector, and a race build is slow to start).
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() { binary, buildErr = build() })
	if buildErr != nil {
		t.Fatalf("build navigator: %v", buildErr)
	}
	return binary
}

func build() (string, error) {
	mod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(mod)))
	if buildDir, err = os.MkdirTemp("", "navigator-cluster-bin-"); err != nil {
		return "", err
	}
	out := filepath.Join(buildDir, "navigator")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/navigator")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%w: %s", err, stderr.String())
	}
	return out, nil
}

// HAProxy returns the haproxy binary, or skips the test (fails it in CI).
func HAProxy(t testing.TB) string {
	t.Helper()
	p, err := cluster.FindHAProxy()
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("haproxy is not installed: CI must run the tests of several servers (apt-get install haproxy)")
	}
	t.Skip("tests of several servers skipped: install Debian's haproxy package to run them")
	return ""
}

// Start starts a cluster on cfg.DB (Binary, HAProxy and Dir are filled
// in when empty) and stops it when the test ends. The servers' logs are
// printed when the test fails.
func Start(t testing.TB, cfg cluster.Config) *cluster.Cluster {
	t.Helper()
	if cfg.Binary == "" {
		cfg.Binary = Binary(t)
	}
	if cfg.HAProxy == "" {
		cfg.HAProxy = HAProxy(t)
	}
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	cl, err := cluster.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, s := range cl.Servers {
				if b, err := os.ReadFile(s.Log); err == nil {
					t.Logf("log of %s:\n%s", s.Name, lastLines(string(b), 30))
				}
			}
		}
		if err := cl.Stop(); err != nil {
			t.Error(err)
		}
	})
	return cl
}

// lastLines are the last n lines of a server's log that say more than
// an answered request.
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if strings.Contains(l, `"msg":"request"`) && !strings.Contains(l, `"status":5`) {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Main runs the package's tests, then removes the built binary and the
// databases storetest made.
func Main(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	storetest.Cleanup()
	os.Exit(code)
}
