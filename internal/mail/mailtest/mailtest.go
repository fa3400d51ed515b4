// Package mailtest runs a real SMTP server on loopback for tests and keeps
// the letters it receives.
package mailtest

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Inbox is the server's store of letters.
type Inbox struct {
	mu      sync.Mutex
	letters []Letter
}

// Letter is one received message: the envelope recipient and the raw
// RFC 5322 text.
type Letter struct {
	To  string
	Raw string
}

// Letters returns what arrived so far.
func (b *Inbox) Letters() []Letter {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Letter(nil), b.letters...)
}

// NewSession implements smtp.Backend.
func (b *Inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct {
	b  *Inbox
	to string
}

func (s *session) Reset()                                    {}
func (s *session) Logout() error                             { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.letters = append(s.b.letters, Letter{To: s.to, Raw: string(raw)})
	s.b.mu.Unlock()
	return err
}

// Start runs a server until the test ends and returns its inbox and an
// smtp:// address for mail.ParseURL.
func Start(t testing.TB) (*Inbox, string) {
	t.Helper()
	box := &Inbox{}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return box, "smtp://" + ln.Addr().String() + "?tls=none"
}
