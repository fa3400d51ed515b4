// Package cluster starts several `navigator serve` processes on one
// database behind a real load balancer (HAProxy), for the tests of
// several servers and for `navigator bench rush --servers N`. Nothing of
// it runs inside a production server.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ServerConfig is how one `navigator serve` is started.
type ServerConfig struct {
	Binary string   // the navigator binary
	DB     string   // postgres://… shared by all servers
	Secret string   // the installation's secret, the same on every server
	Dir    string   // a folder of its own: data folder and log
	Args   []string // more flags of serve (admission, …)
	Env    []string // more variables, NAME=value
}

// Server is one running `navigator serve`.
type Server struct {
	Name string // s1, s2…
	Addr string // 127.0.0.1:port
	Log  string // its standard output and error
	cmd  *exec.Cmd
	done chan struct{}
	err  error // how it ended, once done is closed
}

// StartServer starts a server and waits until its /healthz answers.
func StartServer(ctx context.Context, name string, c ServerConfig) (*Server, error) {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("server %s: %w", name, err)
	}
	var lastErr error
	// A port found free may be taken before the server listens on it:
	// the server then fails at once and another port is tried.
	for range 5 {
		port, err := FreePort()
		if err != nil {
			return nil, err
		}
		s, err := startOn(ctx, name, fmt.Sprintf("127.0.0.1:%d", port), c)
		if err == nil {
			return s, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, lastErr
}

func startOn(ctx context.Context, name, addr string, c ServerConfig) (*Server, error) {
	s := &Server{Name: name, Addr: addr, Log: filepath.Join(c.Dir, "server.log"), done: make(chan struct{})}
	logf, err := os.Create(s.Log)
	if err != nil {
		return nil, fmt.Errorf("server %s: %w", name, err)
	}
	args := append([]string{"serve", "--db", c.DB, "--addr", addr, "--trust-proxy", "--data-dir", c.Dir, "--log", "json"}, c.Args...)
	// Not CommandContext: the server is stopped by Stop, gently, not
	// killed with the context of whoever started it.
	s.cmd = exec.Command(c.Binary, args...)
	s.cmd.Env = append(serverEnv(), "NAVIGATOR_SECRET="+c.Secret)
	s.cmd.Env = append(s.cmd.Env, c.Env...)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("server %s: %w", name, err)
	}
	go func() {
		s.err = s.cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	if err := waitHealthy(ctx, "http://"+addr+"/healthz", s.done, 60*time.Second); err != nil {
		s.Kill()
		return nil, fmt.Errorf("server %s on %s: %w; its log: %s", name, addr, err, tail(s.Log))
	}
	return s, nil
}

// serverEnv is this process's environment without the NAVIGATOR_
// variables, so that nothing set for the caller changes the servers.
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NAVIGATOR_") {
			env = append(env, kv)
		}
	}
	return env
}

// waitHealthy polls url until it answers 200, the process ends (exited)
// or the time is up.
func waitHealthy(ctx context.Context, url string, exited <-chan struct{}, within time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	client := &http.Client{Timeout: time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("exited before it was healthy")
		case <-ctx.Done():
			return fmt.Errorf("not healthy within %s", within)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// URL is the server's own address, bypassing the balancer.
func (s *Server) URL() string { return "http://" + s.Addr }

// Stop ends the server as an operator does (SIGTERM: it finishes the
// requests in flight and its jobs), killing it if it has not ended within
// 25 seconds.
func (s *Server) Stop() error {
	select {
	case <-s.done:
		return nil
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(25 * time.Second):
		s.Kill()
		return fmt.Errorf("server %s did not stop within 25 s", s.Name)
	}
	var exit *exec.ExitError
	if s.err != nil && !errors.As(s.err, &exit) {
		return fmt.Errorf("server %s: %w", s.Name, s.err)
	}
	if s.err != nil {
		return fmt.Errorf("server %s ended with %v; its log: %s", s.Name, s.err, tail(s.Log))
	}
	return nil
}

// Kill ends the server at once, as a machine that dies.
func (s *Server) Kill() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.done
}

// Running says whether the process is still up.
func (s *Server) Running() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// tail is the end of a log file, for an error message.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
