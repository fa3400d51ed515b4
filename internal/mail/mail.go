// Package mail sends the Навигатор's letters through an SMTP server. The
// letters wait in the database's outbox, written in the same transaction
// as what they tell about, and a job hands them to the server; a letter
// that fails stays and goes again later.
package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one letter.
type Message struct {
	To, Subject, Body string
}

// Sender delivers letters.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP delivers through an SMTP server.
type SMTP struct {
	host     string
	port     int
	user     string
	password string
	from     string
	policy   gomail.TLSPolicy
	ssl      bool
}

// ParseURL reads smtp://user:password@host:port?tls=starttls|none|tls.
// The default port is 587 with STARTTLS; tls=tls is SMTPS on 465.
func ParseURL(raw, from string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, fmt.Errorf("SMTP address must be smtp://user:password@host:port")
	}
	s := &SMTP{host: u.Hostname(), port: 587, from: from, policy: gomail.TLSMandatory}
	switch u.Query().Get("tls") {
	case "", "starttls":
	case "none":
		s.policy, s.port = gomail.NoTLS, 25
	case "tls":
		s.ssl, s.port = true, 465
	default:
		return nil, fmt.Errorf("SMTP tls must be starttls, tls or none")
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil || s.port < 1 || s.port > 65535 {
			return nil, fmt.Errorf("SMTP port %q is not a number from 1 to 65535", p)
		}
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
	}
	if from == "" {
		return nil, fmt.Errorf("set the sender's address (--mail-from)")
	}
	return s, nil
}

// Send delivers one letter.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("mail to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	opts := []gomail.Option{gomail.WithPort(s.port), gomail.WithTimeout(15 * time.Second), gomail.WithTLSPolicy(s.policy)}
	if s.ssl {
		opts = append(opts, gomail.WithSSL())
	}
	if s.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(s.user), gomail.WithPassword(s.password))
	}
	c, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp send: %w", err)
	}
	return nil
}
