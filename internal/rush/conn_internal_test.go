package rush

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestConn sends requests through the bench's own client to a real
// server: the request arrives as sent, the answer and its Retry-After are
// read, a kept-alive connection the server dropped is replaced without
// the caller noticing, an answer with "Connection: close" is followed by a
// new connection, and a request in flight ends with its context.
func TestConn(t *testing.T) {
	var conns atomic.Int64
	block := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/echo":
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTeapot)
			_, _ = w.Write([]byte(r.Method + " " + r.Header.Get("Idempotency-Key") + " " + string(body)))
		case "/close":
			w.Header().Set("Connection", "close")
			_, _ = w.Write([]byte("bye"))
		case "/block":
			<-block
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	defer close(block)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, err := newConn(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	echo := c.request(http.MethodPost, "/echo", http.Header{"Idempotency-Key": {"k-1"}}, []byte(`{"a":1}`))
	for i := range 3 {
		r, err := c.do(echo)
		if err != nil || r.status != http.StatusTeapot || r.retryAfter != 3 || string(r.body) != `POST k-1 {"a":1}` {
			t.Fatalf("request %d: %+v %v", i, r, err)
		}
		if i == 1 {
			srv.CloseClientConnections() // the server drops the kept-alive connection
		}
	}
	if n := conns.Load(); n != 2 {
		t.Fatalf("%d connections, want 2: one kept alive, one after the server dropped it", n)
	}
	if r, err := c.do(c.request(http.MethodGet, "/close", nil, nil)); err != nil || string(r.body) != "bye" {
		t.Fatalf("close: %+v %v", r, err)
	}
	if _, err := c.do(echo); err != nil || conns.Load() != 3 {
		t.Fatalf("after Connection: close: %v, %d connections, want 3", err, conns.Load())
	}

	done := make(chan error, 1)
	go func() {
		_, err := c.do(c.request(http.MethodGet, "/block", nil, nil))
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a request in flight did not fail when its context ended")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a request in flight did not end with its context")
	}
}
