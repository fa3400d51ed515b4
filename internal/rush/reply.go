package rush

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"strconv"
)

// readReply reads one HTTP/1.1 answer from br: its status, the headers
// the bench needs (Content-Length, Transfer-Encoding, Retry-After and
// Connection; the rest are skipped) and its body. It tells too whether
// the server will close the connection after it.
//
// The clients share the two cores with the server they measure, and
// net/http's ReadResponse made a string and a canonical key of every
// header of every answer — the server sends a dozen, most of them its
// security headers — and a map to hold them: about a twentieth of the
// rush's processor went into reading answers nobody looked at. Like wrk,
// the client reads only what it uses.
func readReply(br *bufio.Reader) (r reply, closing bool, err error) {
	line, err := readLine(br)
	if err != nil {
		return reply{}, false, err
	}
	proto, rest, _ := bytes.Cut(line, []byte(" "))
	code, _, _ := bytes.Cut(rest, []byte(" "))
	if !bytes.HasPrefix(proto, []byte("HTTP/1.")) || len(code) != 3 {
		return reply{}, false, fmt.Errorf("rush: malformed status line %q", line)
	}
	if r.status, err = strconv.Atoi(string(code)); err != nil {
		return reply{}, false, fmt.Errorf("rush: malformed status line %q", line)
	}
	closing = string(proto) == "HTTP/1.0"
	length, chunked := -1, false
	for {
		line, err := readLine(br)
		if err != nil {
			return reply{}, false, err
		}
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return reply{}, false, fmt.Errorf("rush: malformed header line %q", line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 {
				return reply{}, false, fmt.Errorf("rush: malformed Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
			if !chunked {
				return reply{}, false, fmt.Errorf("rush: unsupported Transfer-Encoding %q", value)
			}
		case bytes.EqualFold(name, []byte("Retry-After")):
			r.retryAfter, _ = strconv.Atoi(string(value)) // a date is not sent by the server
		case bytes.EqualFold(name, []byte("Connection")):
			closing = bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case r.status/100 == 1 || r.status == 204 || r.status == 304:
	case chunked:
		r.body, err = io.ReadAll(httputil.NewChunkedReader(br))
		if err == nil {
			err = skipTrailer(br)
		}
	case length >= 0:
		r.body = make([]byte, length)
		_, err = io.ReadFull(br, r.body)
	default: // the body runs to the end of the connection
		r.body, err = io.ReadAll(br)
		closing = true
	}
	if err != nil {
		return reply{}, false, fmt.Errorf("rush: reading an answer's body: %w", err)
	}
	return r, closing, nil
}

// readLine reads a line of the head without its CRLF, in br's own buffer:
// valid until the next read.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, errors.New("rush: a line of the answer's head is longer than the buffer")
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

// skipTrailer reads the trailer after a chunked body, up to its empty line.
func skipTrailer(br *bufio.Reader) error {
	for {
		line, err := readLine(br)
		if err != nil || len(line) == 0 {
			return err
		}
	}
}
