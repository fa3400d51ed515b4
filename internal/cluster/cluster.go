package cluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Config is a cluster: N servers on one database behind one HAProxy.
type Config struct {
	Binary  string // the navigator binary
	HAProxy string // the haproxy binary
	DB      string // postgres://…, already migrated and filled
	Secret  string
	Dir     string   // the cluster's folder: one sub-folder per server
	Servers int      // how many
	Args    []string // more flags of every serve
	Env     []string // more variables of every serve
	MaxConn int      // of the balancer; 0: 4096
}

// Cluster is the running servers and their balancer.
type Cluster struct {
	Servers  []*Server
	Balancer *Balancer
	cfg      Config
}

// Start starts the servers at once (each migrates the database on start,
// under goose's lock: the first does the work, the others find nothing to
// do) and then the balancer. On failure whatever started is stopped.
func Start(ctx context.Context, c Config) (*Cluster, error) {
	if c.Servers < 1 {
		return nil, errors.New("cluster: at least one server")
	}
	if c.MaxConn == 0 {
		c.MaxConn = 4096
	}
	cl := &Cluster{cfg: c}
	started := make([]*Server, c.Servers)
	errs := make([]error, c.Servers)
	var wg sync.WaitGroup
	for i := range c.Servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			started[i], errs[i] = cl.start(ctx, fmt.Sprintf("s%d", i+1))
		}()
	}
	wg.Wait()
	for i, s := range started {
		if s != nil {
			cl.Servers = append(cl.Servers, s)
		} else if err := errs[i]; err != nil {
			cl.Stop()
			return nil, fmt.Errorf("cluster: %w", err)
		}
	}
	b, err := StartBalancer(ctx, c.HAProxy, filepath.Join(c.Dir, "haproxy"), cl.Servers, c.MaxConn)
	if err != nil {
		cl.Stop()
		return nil, fmt.Errorf("cluster: %w", err)
	}
	cl.Balancer = b
	return cl, nil
}

// Add starts one more server like the others (the balancer does not know
// it: a new balancer over Servers does).
func (cl *Cluster) Add(ctx context.Context) (*Server, error) {
	s, err := cl.start(ctx, fmt.Sprintf("s%d", len(cl.Servers)+1))
	if err != nil {
		return nil, err
	}
	cl.Servers = append(cl.Servers, s)
	return s, nil
}

func (cl *Cluster) start(ctx context.Context, name string) (*Server, error) {
	return StartServer(ctx, name, ServerConfig{Binary: cl.cfg.Binary, DB: cl.cfg.DB, Secret: cl.cfg.Secret,
		Dir: filepath.Join(cl.cfg.Dir, name), Args: cl.cfg.Args, Env: cl.cfg.Env})
}

// URL is the balancer's address: where clients go.
func (cl *Cluster) URL() string { return cl.Balancer.URL() }

// Stop stops the balancer and every server; it returns the first server
// that did not end cleanly.
func (cl *Cluster) Stop() error {
	if cl.Balancer != nil {
		cl.Balancer.Stop()
	}
	var first error
	for _, s := range cl.Servers {
		if err := s.Stop(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// LastErrors are the last n lines of each server's log at level ERROR,
// for a message that says why a request failed.
func (cl *Cluster) LastErrors(n int) string { return LastErrors(cl.Servers, n) }

// LastErrors are the last n lines at level ERROR of each server's log.
func LastErrors(servers []*Server, n int) string {
	var b strings.Builder
	for _, s := range servers {
		data, err := os.ReadFile(s.Log)
		if err != nil {
			continue
		}
		var lines []string
		for _, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, `"level":"ERROR"`) {
				lines = append(lines, l)
			}
		}
		for _, l := range lines[max(0, len(lines)-n):] {
			fmt.Fprintf(&b, "%s: %s\n", s.Name, l)
		}
	}
	return b.String()
}
