package rush

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// conn is one simulated parent's keep-alive connection to the server.
//
// The bench's clients share the machine's two cores with the server, and
// net/http's Transport spends a reading and a writing goroutine per
// connection and their hand-offs on every request: with a thousand
// clients that was a fifth of the processor, taken from the server being
// measured. A parent's browser is not on the server. So each client owns
// its connection and writes its request bytes itself, made once, and
// reads of the answers only what it uses (reply.go).
type conn struct {
	ctx  context.Context
	addr string
	nc   net.Conn
	br   *bufio.Reader
	stop func() bool // ends the watch of ctx
}

// reply is what the server answered.
type reply struct {
	status     int
	retryAfter int // seconds; 0 when absent
	body       []byte
}

// newConn makes a client of the server at base (http://host:port). It
// connects at its first request; a request in flight when ctx ends fails.
func newConn(ctx context.Context, base string) (*conn, error) {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("rush: %q is not an http://host:port address", base)
	}
	return &conn{ctx: ctx, addr: u.Host}, nil
}

// request makes the bytes of an HTTP/1.1 request to c's server.
func (c *conn) request(method, path string, header http.Header, body []byte) []byte {
	b := fmt.Appendf(nil, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, path, c.addr)
	for k, vs := range header {
		for _, v := range vs {
			b = fmt.Appendf(b, "%s: %s\r\n", k, v)
		}
	}
	if body != nil {
		b = fmt.Appendf(b, "Content-Length: %d\r\n", len(body))
	}
	b = append(b, "\r\n"...)
	return append(b, body...)
}

// do sends req and reads the answer. A kept-alive connection the server
// has closed in the meantime is replaced once, and req sent again: the
// requests of the rush carry an idempotency key.
func (c *conn) do(req []byte) (reply, error) {
	for retried := false; ; retried = true {
		fresh := c.nc == nil
		if fresh {
			if err := c.dial(); err != nil {
				return reply{}, err
			}
		}
		r, err := c.roundTrip(req)
		if err == nil {
			return r, nil
		}
		c.close()
		if fresh || retried || c.ctx.Err() != nil {
			return reply{}, err
		}
	}
}

func (c *conn) dial() error {
	d := net.Dialer{Timeout: timeout}
	nc, err := d.DialContext(c.ctx, "tcp", c.addr)
	if err != nil {
		return err
	}
	c.nc, c.br = nc, bufio.NewReader(nc)
	c.stop = context.AfterFunc(c.ctx, func() { _ = nc.SetDeadline(time.Unix(1, 0)) })
	return nil
}

func (c *conn) roundTrip(req []byte) (reply, error) {
	if err := c.nc.SetDeadline(time.Now().Add(timeout)); err != nil {
		return reply{}, err
	}
	if _, err := c.nc.Write(req); err != nil {
		return reply{}, err
	}
	r, closing, err := readReply(c.br)
	if err != nil {
		return reply{}, err
	}
	if closing {
		c.close() // the server will not take another request on it
	}
	return r, nil
}

// close drops the connection; the next request makes a new one.
func (c *conn) close() {
	if c.nc == nil {
		return
	}
	c.stop()
	_ = c.nc.Close()
	c.nc, c.br = nil, nil
}
