package mail

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// inbox is a real SMTP server on loopback that keeps what it receives.
type inbox struct {
	mu   sync.Mutex
	msgs []string
	to   []string
}

func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct {
	b  *inbox
	to string
}

func (s *session) Reset()                                    {}
func (s *session) Logout() error                             { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.msgs, s.b.to = append(s.b.msgs, string(b)), append(s.b.to, s.to)
	s.b.mu.Unlock()
	return err
}

// StartInbox runs a test SMTP server and returns its smtp:// address.
func startInbox(t *testing.T) (*inbox, string) {
	t.Helper()
	box := &inbox{}
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

func TestSendThroughSMTP(t *testing.T) {
	box, addr := startInbox(t)
	s, err := ParseURL(addr, "navigator@example.ru")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Send(ctx, Message{To: "parent@example.ru", Subject: "Подтверждение адреса электронной почты", Body: "Здравствуйте! Ссылка: https://navigator.example.ru/verify-email?token=abc"}); err != nil {
		t.Fatal(err)
	}
	box.mu.Lock()
	defer box.mu.Unlock()
	if len(box.msgs) != 1 || box.to[0] != "parent@example.ru" {
		t.Fatalf("received %d letters to %v", len(box.msgs), box.to)
	}
	raw := box.msgs[0]
	msg, err := netmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "Подтверждение адреса электронной почты" {
		t.Fatalf("subject %q in\n%s", subject, raw)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !strings.Contains(string(body), "Здравствуйте!") || !strings.Contains(string(body), "verify-email?token=abc") {
		t.Fatalf("body %q", body)
	}
}

func TestParseURL(t *testing.T) {
	for _, c := range []struct {
		url  string
		ok   bool
		port int
	}{
		{"smtp://user:pw@mail.example.ru", true, 587},
		{"smtp://mail.example.ru:2525?tls=none", true, 2525},
		{"smtp://mail.example.ru?tls=tls", true, 465},
		{"http://mail.example.ru", false, 0},
		{"smtp://mail.example.ru?tls=maybe", false, 0},
	} {
		s, err := ParseURL(c.url, "from@example.ru")
		if (err == nil) != c.ok || (err == nil && s.port != c.port) {
			t.Errorf("ParseURL(%q) = %+v, %v", c.url, s, err)
		}
	}
}
