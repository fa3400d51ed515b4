package pgcluster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
)

// Standby makes a streaming standby of the running primary s with
// pg_basebackup -R (which writes standby.signal and primary_conninfo) on
// a port of its own, named name for the primary's
// synchronous_standby_names, and starts it. conf lines are added to its
// postgresql.conf after the primary's.
func (s *Server) Standby(ctx context.Context, name string, conf ...string) (*Server, error) {
	st, err := newServer(Options{Bin: s.Bin, Parent: filepath.Dir(s.Dir)})
	if err != nil {
		return nil, err
	}
	// application_name names the standby to the primary; -R puts it into
	// primary_conninfo.
	conn := fmt.Sprintf("host=127.0.0.1 port=%d user=postgres application_name=%s", s.Port, name)
	out, err := st.own.command(filepath.Join(s.Bin, "pg_basebackup"), "-d", conn, "-D", st.Data(),
		"-R", "-X", "stream", "-c", "fast", "--no-sync").CombinedOutput()
	if err != nil {
		st.Remove()
		return nil, fmt.Errorf("pg_basebackup: %w: %s", err, tail(out))
	}
	if err := os.Chmod(st.Data(), 0o700); err != nil { // postgres refuses a data folder others can read
		st.Remove()
		return nil, err
	}
	if err := st.appendConf(conf); err != nil {
		st.Remove()
		return nil, err
	}
	if err := st.Start(ctx); err != nil {
		st.Remove()
		return nil, err
	}
	return st, nil
}

// Promote makes a standby the primary and waits until it takes writes.
func (s *Server) Promote(ctx context.Context) error {
	start := time.Now()
	defer func() { s.Promoted = time.Since(start) }()
	c, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return fmt.Errorf("promote: %w", err)
	}
	defer c.Close(context.WithoutCancel(ctx))
	var ok bool
	if err := c.QueryRow(ctx, "SELECT pg_promote(true, 30)").Scan(&ok); err != nil {
		return fmt.Errorf("promote: %w", err)
	}
	if !ok {
		return fmt.Errorf("promote: the standby on port %d did not finish promotion in 30 s", s.Port)
	}
	return nil
}

// Exec runs statements on the server's database as the superuser.
func (s *Server) Exec(ctx context.Context, database string, sqls ...string) error {
	c, err := pgx.Connect(ctx, s.URL(database))
	if err != nil {
		return fmt.Errorf("connect to port %d: %w", s.Port, err)
	}
	defer c.Close(context.WithoutCancel(ctx))
	for _, q := range sqls {
		if _, err := c.Exec(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// WaitStreaming waits until the primary sees a standby named name
// streaming (and, when sync, as its synchronous standby).
func (s *Server) WaitStreaming(ctx context.Context, name string, sync bool) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		c, err := pgx.Connect(ctx, s.URL("postgres"))
		if err == nil {
			var state, syncState string
			err = c.QueryRow(ctx, "SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1", name).Scan(&state, &syncState)
			c.Close(context.WithoutCancel(ctx))
			if err == nil && state == "streaming" && (!sync || syncState == "sync") {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("standby %s is not streaming from port %d: %v", name, s.Port, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
