package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is one private PostgreSQL server: its data folder, its port and,
// while it runs, its postmaster.
type Server struct {
	Bin  string // folder of the server programs
	Dir  string // the server's own folder: data/ and server.log inside
	Port int
	// Promoted is how long the last Promote took.
	Promoted time.Duration

	own  owner
	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when the postmaster has exited
}

// Data is the data folder.
func (s *Server) Data() string { return filepath.Join(s.Dir, "data") }

// Log is the server's log file.
func (s *Server) Log() string { return filepath.Join(s.Dir, "server.log") }

// URL is the address of a database on the server, as the superuser
// postgres with no password (the cluster trusts loopback).
func (s *Server) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, database)
}

// Addr is host:port, for a multi-host connection string.
func (s *Server) Addr() string { return fmt.Sprintf("127.0.0.1:%d", s.Port) }

// Options are what a new primary is made with.
type Options struct {
	Bin    string   // folder of the server programs; "" finds them with Bin(os.Getenv)
	Parent string   // where the server's folder is made; "" is the system's temp folder
	Port   int      // 0 takes a free one in 57000–57999
	Conf   []string // lines added to postgresql.conf, such as "synchronous_commit = remote_apply"
}

// baseConf makes a small server that listens on loopback only, keeps its
// socket in its own folder and can feed streaming standbys.
var baseConf = []string{
	"listen_addresses = '127.0.0.1'",
	"unix_socket_directories = ''",
	"wal_level = replica",
	"max_wal_senders = 10",
	"hot_standby = on",
	"hot_standby_feedback = on",
	"shared_buffers = 32MB",
	"max_connections = 200",
	"logging_collector = off",
	// A standby should never block the primary's start of checkpoint
	// here; the folder is thrown away afterwards.
	"wal_keep_size = 256MB",
	// A standby whose primary is gone sleeps this long between tries to
	// fetch WAL, and a promotion waits out the sleep: 5 s by default,
	// which would be most of the failover.
	"wal_retrieve_retry_interval = 200ms",
}

// InitPrimary makes a new cluster with initdb and starts it.
func InitPrimary(ctx context.Context, o Options) (*Server, error) {
	s, err := newServer(o)
	if err != nil {
		return nil, err
	}
	out, err := s.own.command(filepath.Join(s.Bin, "initdb"), "-D", s.Data(), "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-sync").CombinedOutput()
	if err != nil {
		s.Remove()
		return nil, fmt.Errorf("initdb: %w: %s", err, tail(out))
	}
	if err := s.appendConf(append(baseConf, o.Conf...)); err != nil {
		s.Remove()
		return nil, err
	}
	if err := s.Start(ctx); err != nil {
		s.Remove()
		return nil, err
	}
	return s, nil
}

func newServer(o Options) (*Server, error) {
	bin := o.Bin
	if bin == "" {
		var err error
		if bin, err = Bin(os.Getenv); err != nil {
			return nil, err
		}
	}
	own, err := findOwner()
	if err != nil {
		return nil, err
	}
	port := o.Port
	if port == 0 {
		if port, err = FreePort(); err != nil {
			return nil, err
		}
	}
	dir, err := own.mkdir(o.Parent, "navigator-pg-")
	if err != nil {
		return nil, err
	}
	return &Server{Bin: bin, Dir: dir, Port: port, own: own}, nil
}

// appendConf adds lines to postgresql.conf (later lines win).
func (s *Server) appendConf(lines []string) error {
	f, err := os.OpenFile(filepath.Join(s.Data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("postgresql.conf: %w", err)
	}
	defer f.Close()
	_, err = f.WriteString("\n# pgcluster\n" + strings.Join(lines, "\n") + "\n")
	return err
}

// Start runs the postmaster and waits until it accepts connections (a
// standby: until it accepts read-only ones).
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	if s.cmd != nil {
		s.mu.Unlock()
		return errors.New("pgcluster: server already running")
	}
	logf, err := os.OpenFile(s.Log(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		s.mu.Unlock()
		return fmt.Errorf("server log: %w", err)
	}
	cmd := s.own.command(filepath.Join(s.Bin, "postgres"), "-D", s.Data(), "-p", fmt.Sprint(s.Port))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		s.mu.Unlock()
		logf.Close()
		return fmt.Errorf("start postgres: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); logf.Close(); close(done) }()
	s.cmd, s.done = cmd, done
	s.mu.Unlock()
	return s.WaitReady(ctx, 30*time.Second)
}

// WaitReady waits until the server answers a query, or it exits, or the
// time is up.
func (s *Server) WaitReady(ctx context.Context, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var last error
	for {
		s.mu.Lock()
		done := s.done
		s.mu.Unlock()
		if done != nil {
			select {
			case <-done:
				return fmt.Errorf("postgres on port %d exited: %s", s.Port, s.logTail())
			default:
			}
		}
		if last = s.ping(ctx); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("postgres on port %d not ready: %w (%s)", s.Port, last, s.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (s *Server) ping(ctx context.Context) error {
	c, err := pgx.Connect(ctx, s.URL("postgres")+"&connect_timeout=2")
	if err != nil {
		return err
	}
	defer c.Close(context.WithoutCancel(ctx))
	var one int
	return c.QueryRow(ctx, "SELECT 1").Scan(&one)
}

// Stop shuts the server down cleanly (pg_ctl's fast mode: SIGINT).
func (s *Server) Stop() error { return s.signal(syscall.SIGINT, false) }

// Kill kills the postmaster and every backend with SIGKILL at once, as a
// machine that loses power would: nothing is flushed or said goodbye to.
func (s *Server) Kill() error { return s.signal(syscall.SIGKILL, true) }

func (s *Server) signal(sig syscall.Signal, group bool) error {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.mu.Unlock()
	if cmd == nil {
		return nil
	}
	pid := cmd.Process.Pid
	if group {
		pid = -pid // the process group: postmaster and backends
	}
	if err := syscall.Kill(pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("signal postgres: %w", err)
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	if group {
		// Backends that outlived the postmaster are in the group too.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	s.mu.Lock()
	s.cmd, s.done = nil, nil
	s.mu.Unlock()
	return nil
}

// Running says whether the postmaster is up.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

// Remove stops the server if it runs and deletes its folder.
func (s *Server) Remove() error {
	err := s.Stop()
	if s.Running() {
		err = errors.Join(err, s.Kill())
	}
	return errors.Join(err, os.RemoveAll(s.Dir))
}

func (s *Server) logTail() string {
	b, _ := os.ReadFile(s.Log())
	return tail(b)
}

// tail is the last lines of a program's output, for an error message.
func tail(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return strings.Join(lines, " | ")
}
