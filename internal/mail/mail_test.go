package mail_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"navigator/internal/mail"
	"navigator/internal/mail/mailtest"
)

func TestSendThroughSMTP(t *testing.T) {
	box, addr := mailtest.Start(t)
	s, err := mail.ParseURL(addr, "navigator@example.ru")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Send(ctx, mail.Message{To: "parent@example.ru", Subject: "Подтверждение адреса электронной почты", Body: "Здравствуйте! Ссылка: https://navigator.example.ru/verify-email?token=abc"}); err != nil {
		t.Fatal(err)
	}
	letters := box.Letters()
	if len(letters) != 1 || letters[0].To != "parent@example.ru" {
		t.Fatalf("received %v", letters)
	}
	raw := letters[0].Raw
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
		url string
		ok  bool
	}{
		{"smtp://user:pw@mail.example.ru", true},
		{"smtp://mail.example.ru:2525?tls=none", true},
		{"smtp://mail.example.ru?tls=tls", true},
		{"smtp://mail.example.ru:port", false},
		{"http://mail.example.ru", false},
		{"smtp://mail.example.ru?tls=maybe", false},
	} {
		_, err := mail.ParseURL(c.url, "from@example.ru")
		if (err == nil) != c.ok {
			t.Errorf("ParseURL(%q): %v", c.url, err)
		}
	}
}
