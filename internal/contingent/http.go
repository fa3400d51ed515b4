package contingent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"navigator"
)

// HTTPClient asks a region's own «Контингент» service.
//
// The protocol: GET {base}/lookup?document_type=&series=&number=&birth_date=
// answers 200 with a JSON record (last_name, first_name, patronymic,
// birth_date "YYYY-MM-DD", sex, document_type, document_series,
// document_number, snils), 404 when there is no such child. Anything else,
// a malformed answer or no answer in time means the registry is
// unavailable, and the operator goes on by hand.
type HTTPClient struct {
	base    string
	timeout time.Duration
	retries int
	hc      *http.Client
	backoff time.Duration
}

// NewHTTPClient returns a client; each attempt has the timeout, failed
// attempts (network errors and 5xx) are retried with exponential backoff.
func NewHTTPClient(baseURL string, timeout time.Duration, retries int, hc *http.Client) *HTTPClient {
	if hc == nil {
		hc = &http.Client{}
	}
	return &HTTPClient{base: strings.TrimRight(baseURL, "/"), timeout: timeout, retries: retries, hc: hc, backoff: 100 * time.Millisecond}
}

// Lookup asks the service.
func (c *HTTPClient) Lookup(ctx context.Context, q Query) (*Record, error) {
	series, number, err := navigator.NormalizeDocument(q.DocumentType, q.Series, q.Number)
	if err != nil {
		return nil, err
	}
	v := url.Values{"document_type": {string(q.DocumentType)}, "series": {series}, "number": {number}}
	if !q.BirthDate.IsZero() {
		v.Set("birth_date", q.BirthDate.String())
	}
	u := c.base + "/lookup?" + v.Encode()
	wait := c.backoff
	var last error
	for attempt := 0; attempt <= c.retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("%w: %v", ErrUnavailable, ctx.Err())
			case <-time.After(wait):
			}
			wait *= 2
		}
		rec, retry, err := c.once(ctx, u)
		if err == nil || !retry {
			return rec, err
		}
		last = err
	}
	return nil, last
}

// once makes one attempt; retry says whether another may help.
func (c *HTTPClient) once(ctx context.Context, u string) (rec *Record, retry bool, err error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, ctx.Err() == nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, false, ErrNotFound
	case resp.StatusCode >= 500:
		return nil, true, fmt.Errorf("%w: status %d", ErrUnavailable, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("%w: status %d", ErrUnavailable, resp.StatusCode)
	}
	var r Record
	dec := json.NewDecoder(io.LimitReader(resp.Body, 1<<16))
	if err := dec.Decode(&r); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || actx.Err() != nil {
			return nil, true, fmt.Errorf("%w: %v", ErrUnavailable, err)
		}
		return nil, false, fmt.Errorf("%w: malformed answer: %v", ErrUnavailable, err)
	}
	if r.LastName == "" && r.FirstName == "" {
		return nil, false, fmt.Errorf("%w: an answer without a name", ErrUnavailable)
	}
	if bd := reqBirthDate(req); bd != "" && r.BirthDate.String() != bd {
		return nil, false, ErrNotFound // the service did not check the date
	}
	return &r, false, nil
}

// reqBirthDate is the birth date the request asked to match, or "".
func reqBirthDate(req *http.Request) string { return req.URL.Query().Get("birth_date") }
