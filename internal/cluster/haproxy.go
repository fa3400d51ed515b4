package cluster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// HAProxyBinary is Debian's haproxy.
const HAProxyBinary = "/usr/sbin/haproxy"

// FindHAProxy returns the haproxy binary: Debian's, or the first on PATH.
func FindHAProxy() (string, error) {
	if _, err := os.Stat(HAProxyBinary); err == nil {
		return HAProxyBinary, nil
	}
	p, err := exec.LookPath("haproxy")
	if err != nil {
		return "", fmt.Errorf("haproxy is not installed (apt-get install haproxy)")
	}
	return p, nil
}

// haproxyConfig balances requests one by one over the servers (a kept-alive
// client connection is not pinned to a server), takes a server out once
// its /healthz fails twice, and sends a request whose connection to a
// dead server failed to another. X-Forwarded-For carries the client's
// address to servers started with --trust-proxy; X-Navigator-Server tells
// the client which server answered.
var haproxyConfig = template.Must(template.New("haproxy.cfg").Parse(`# Written by navigator's cluster harness.
global
    maxconn {{.MaxConn}}

defaults
    mode http
    option forwardfor
    option redispatch
    retries 3
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 60s
    maxconn {{.MaxConn}}

frontend navigator
    bind {{.Addr}}
    default_backend servers

backend servers
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    http-response set-header X-Navigator-Server %[srv_name]
{{- range .Servers}}
    server {{.Name}} {{.Addr}} check inter 500ms fall 2 rise 1
{{- end}}
`))

// Balancer is one running HAProxy in front of servers.
type Balancer struct {
	Addr   string // 127.0.0.1:port
	Config string // the haproxy.cfg it runs
	Log    string
	cmd    *exec.Cmd
	done   chan struct{}
}

// StartBalancer writes a configuration into dir and starts HAProxy in the
// foreground (-db) as a child process, then waits until it passes a
// request to a server.
func StartBalancer(ctx context.Context, binary, dir string, servers []*Server, maxConn int) (*Balancer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("haproxy: %w", err)
	}
	var lastErr error
	for range 5 {
		port, err := FreePort()
		if err != nil {
			return nil, err
		}
		b, err := startBalancerOn(ctx, binary, dir, fmt.Sprintf("127.0.0.1:%d", port), servers, maxConn)
		if err == nil {
			return b, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "cannot bind") && !strings.Contains(err.Error(), "in use") {
			break
		}
	}
	return nil, lastErr
}

func startBalancerOn(ctx context.Context, binary, dir, addr string, servers []*Server, maxConn int) (*Balancer, error) {
	b := &Balancer{Addr: addr, Config: filepath.Join(dir, "haproxy.cfg"), Log: filepath.Join(dir, "haproxy.log"), done: make(chan struct{})}
	f, err := os.Create(b.Config)
	if err != nil {
		return nil, fmt.Errorf("haproxy: %w", err)
	}
	err = haproxyConfig.Execute(f, struct {
		Addr    string
		MaxConn int
		Servers []*Server
	}{addr, maxConn, servers})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("haproxy config: %w", err)
	}
	logf, err := os.Create(b.Log)
	if err != nil {
		return nil, fmt.Errorf("haproxy: %w", err)
	}
	b.cmd = exec.Command(binary, "-f", b.Config, "-db")
	b.cmd.Stdout, b.cmd.Stderr = logf, logf
	if err := b.cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("haproxy: %w", err)
	}
	go func() {
		_ = b.cmd.Wait()
		logf.Close()
		close(b.done)
	}()
	if err := waitHealthy(ctx, b.URL()+"/healthz", b.done, 20*time.Second); err != nil {
		b.Stop()
		return nil, fmt.Errorf("haproxy on %s: %w; its log: %s", addr, err, tail(b.Log))
	}
	return b, nil
}

// URL is the balancer's address.
func (b *Balancer) URL() string { return "http://" + b.Addr }

// Stop ends HAProxy.
func (b *Balancer) Stop() {
	select {
	case <-b.done:
		return
	default:
	}
	_ = b.cmd.Process.Kill()
	<-b.done
}
