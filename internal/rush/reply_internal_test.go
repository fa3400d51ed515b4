package rush

import (
	"bufio"
	"strings"
	"testing"
)

// TestReadReply reads the answers a server can send: the bench's reader
// must get the status, Retry-After and the body right whatever framing
// the answer has, say when the connection ends, leave the next answer on
// the connection unread, and refuse what it cannot read.
func TestReadReply(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		status  int
		retry   int
		body    string
		closing bool
		err     bool
	}{
		{"length and Retry-After", "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\ncontent-length: 5\r\nX-Frame-Options: DENY\r\n\r\nbusy!", 503, 2, "busy!", false, false},
		{"chunked with a trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nабв\r\n2\r\nг\r\n0\r\nX-T: 1\r\n\r\n", 200, 0, "абвг", false, false},
		{"the server will close", "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", 201, 0, "{}", true, false},
		{"HTTP/1.0 closes unless kept alive", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 200, 0, "", true, false},
		{"HTTP/1.0 kept alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 200, 0, "", false, false},
		{"no length: to the end, then closed", "HTTP/1.1 200 OK\r\n\r\nall of it", 200, 0, "all of it", true, false},
		{"no content has no body", "HTTP/1.1 204 No Content\r\n\r\n", 204, 0, "", false, false},
		{"a malformed status line", "HTTP/1.1 20 OK\r\n\r\n", 0, 0, "", false, true},
		{"not HTTP", "SSH-2.0-OpenSSH\r\n\r\n", 0, 0, "", false, true},
		{"a malformed length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, 0, "", false, true},
		{"a header without a colon", "HTTP/1.1 200 OK\r\nbroken\r\n\r\n", 0, 0, "", false, true},
		{"an unknown transfer coding", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", 0, 0, "", false, true},
		{"a body cut short", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 0, 0, "", false, true},
		{"a head cut short", "HTTP/1.1 200 OK\r\nContent-Len", 0, 0, "", false, true},
		{"a header longer than the buffer", "HTTP/1.1 200 OK\r\nX-Long: " + strings.Repeat("a", 5000) + "\r\n\r\n", 0, 0, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if !tt.err && !tt.closing {
				in += "HTTP/1.1 204 No Content\r\n\r\n" // the next answer on the connection
			}
			br := bufio.NewReaderSize(strings.NewReader(in), 4096)
			r, closing, err := readReply(br)
			if tt.err {
				if err == nil {
					t.Fatalf("read %+v, want an error", r)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.status != tt.status || r.retryAfter != tt.retry || string(r.body) != tt.body || closing != tt.closing {
				t.Fatalf("got %d, Retry-After %d, body %q, closing %v; want %d, %d, %q, %v",
					r.status, r.retryAfter, r.body, closing, tt.status, tt.retry, tt.body, tt.closing)
			}
			if closing {
				return // the rest of the connection is not an answer
			}
			if r, _, err := readReply(br); err != nil || r.status != 204 {
				t.Fatalf("the next answer on the connection: %+v %v", r, err)
			}
		})
	}
}
