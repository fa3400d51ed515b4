// Package pagecache keeps rendered public answers (the catalog's pages
// and its API) in memory for under a second, so that an opening morning's
// thousands of parents reloading the same pages cost one render per page
// and second, not one per request.
//
// An answer is never older than Config.MaxAge counted from the moment its
// render began: that is the bound on how stale the seats left a parent
// sees can be, on this server and on every other one, with no message
// between them. Between Fresh and MaxAge the first request renders anew
// while the others are served the previous answer; past MaxAge everyone
// waits for one render. Each answer is kept with its gzip form and an
// ETag, and answered 304 to a matching If-None-Match.
package pagecache

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
)

// Config sets the cache's bounds.
type Config struct {
	Fresh      time.Duration // an answer younger than this is served as is; 0: 3/4 of MaxAge
	MaxAge     time.Duration // no answer older than this is served; 0: 1 s
	MaxEntries int           // answers kept, the least recently used go first; 0: 2048
	MaxBody    int           // a larger answer is not kept; 0: 512 KiB
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// Observe, when set, is told how each request was served: "hit",
	// "stale" (served the previous answer while another renders),
	// "render" or "pass" (not cacheable: the handler's answer as is).
	Observe func(result string)
}

// Cache holds rendered answers by key.
type Cache struct {
	cfg     Config
	entries *lru.Cache[string, *entry]
	flight  singleflight.Group
}

// entry is one rendered answer.
type entry struct {
	status     int
	header     http.Header
	body, gz   []byte
	etag       string
	born       time.Time // when its render began
	pattern    string    // the route that rendered it
	cacheable  bool
	refreshing atomic.Bool
}

// New makes a cache.
func New(cfg Config) *Cache {
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = time.Second
	}
	if cfg.Fresh <= 0 || cfg.Fresh > cfg.MaxAge {
		cfg.Fresh = cfg.MaxAge * 3 / 4
	}
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = 2048
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 512 << 10
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Observe == nil {
		cfg.Observe = func(string) {}
	}
	entries, err := lru.New[string, *entry](cfg.MaxEntries)
	if err != nil {
		panic(err) // only for a size ≤ 0, excluded above
	}
	return &Cache{cfg: cfg, entries: entries}
}

// Len is the number of answers kept.
func (c *Cache) Len() int { return c.entries.Len() }

// Wrap caches next's answers to the requests use accepts; the others
// (a signed-in person's, a POST) go to next untouched. A request is keyed
// by its path and query: next must answer the same to every request use
// accepts with that key.
func (c *Cache) Wrap(use func(*http.Request) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || !use(r) {
			c.cfg.Observe("pass")
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.RawQuery
		e, ok := c.entries.Get(key)
		if ok {
			switch age := c.cfg.Now().Sub(e.born); {
			case c.fresh(e):
				c.cfg.Observe("hit")
				e.write(w, r)
				return
			case age < c.cfg.MaxAge && !e.refreshing.CompareAndSwap(false, true):
				c.cfg.Observe("stale")
				e.write(w, r)
				return
			}
		}
		c.cfg.Observe("render")
		v, _, _ := c.flight.Do(key, func() (any, error) {
			// A render that finished since this request looked serves it.
			if cur, found := c.entries.Get(key); found && cur != e && c.fresh(cur) {
				return cur, nil
			}
			ne := c.render(next, r)
			if ne.cacheable {
				c.entries.Add(key, ne)
			} else if ok {
				c.entries.Remove(key)
			}
			return ne, nil
		})
		v.(*entry).write(w, r)
	})
}

// Fresh returns what serves r from the cache at once, and the route that
// rendered it, when a fresh answer to r's path and query is kept; else
// nil. It lets a server answer a visitor before anything else is spent
// on the request (the admission gate, the session look-up): the caller
// must know that r is a request use would accept, as one with no
// credentials at all. Stale answers are left to Wrap, which renders
// them anew.
func (c *Cache) Fresh(r *http.Request) (http.Handler, string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return nil, ""
	}
	e, ok := c.entries.Get(r.URL.Path + "?" + r.URL.RawQuery)
	if !ok || !c.fresh(e) {
		return nil, ""
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.cfg.Observe("hit")
		e.write(w, r)
	}), e.pattern
}

// fresh reports whether e is young enough to serve as is.
func (c *Cache) fresh(e *entry) bool { return c.cfg.Now().Sub(e.born) < c.cfg.Fresh }

// render runs next into an entry. The render is not cut short by the
// client that asked going away: others may be waiting for it.
func (c *Cache) render(next http.Handler, r *http.Request) *entry {
	born := c.cfg.Now()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, r.WithContext(ctx))
	e := &entry{status: rec.status, header: rec.header, body: rec.body.Bytes(), born: born, pattern: r.Pattern}
	e.cacheable = e.status == http.StatusOK && rec.header.Get("Set-Cookie") == "" && len(e.body) <= c.cfg.MaxBody
	if !e.cacheable {
		return e
	}
	sum := sha256.Sum256(e.body)
	// Weak: the gzip and the identity forms share it.
	e.etag = `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	if len(e.body) >= 512 && compressible(rec.header.Get("Content-Type")) {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
		_, _ = zw.Write(e.body)
		if zw.Close() == nil && gz.Len() < len(e.body) {
			e.gz = gz.Bytes()
		}
	}
	h := e.header
	h.Del("Content-Length")
	h.Set("ETag", e.etag)
	// Any cache may keep it but must ask again each time: a person's
	// browser revalidates with If-None-Match and gets 304 while the page
	// has not changed.
	h.Set("Cache-Control", "public, no-cache")
	h.Set("Vary", "Accept-Encoding, Cookie")
	return e
}

// write sends the entry, as 304, gzip or identity.
func (e *entry) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if !e.cacheable {
		w.WriteHeader(e.status)
		_, _ = w.Write(e.body)
		return
	}
	if matches(r.Header.Get("If-None-Match"), e.etag) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := e.body
	if e.gz != nil && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body = e.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.status)
	_, _ = w.Write(body)
}

// recorder keeps what a handler writes.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if !rec.wrote {
		rec.status, rec.wrote = status, true
	}
}

func (rec *recorder) Write(b []byte) (int, error) {
	rec.wrote = true
	return rec.body.Write(b)
}

// compressible says whether gzip is worth it for the content type.
func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "application/problem+json")
}

// acceptsGzip reads Accept-Encoding: gzip, unless given q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// matches reads If-None-Match: a list of ETags, weak or not, or «*».
func matches(header, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
