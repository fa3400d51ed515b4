package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"navigator"
	"navigator/internal/service"
)

type ctxKey int

const (
	keyRequest ctxKey = iota
	keyActor
)

// requestInfo is what the outer middleware know of a request: its ID,
// given first, and the route pattern the mux chose, noted on the way
// back out. The middleware in between hand on copies of the request, so
// r.Pattern set on the mux's copy is not seen outside; one value in the
// context carries both, so that each request makes one context for them,
// not two.
type requestInfo struct {
	id    string
	route string
}

func infoOf(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(keyRequest).(*requestInfo)
	return info
}

func requestID(ctx context.Context) string {
	if info := infoOf(ctx); info != nil {
		return info.id
	}
	return ""
}

// actorOf returns who sent the request.
func actorOf(r *http.Request) navigator.Actor {
	a, _ := r.Context().Value(keyActor).(navigator.Actor)
	return a
}

// withRequestID gives every request an ID, returned in X-Request-ID and
// written in every log line about it.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		info := &requestInfo{id: hex.EncodeToString(b[:])}
		w.Header()["X-Request-Id"] = []string{info.id}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), keyRequest, info)))
	})
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one line per request: the route pattern, never the
// URL, whose query may hold a surname or an e-mail.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := "unmatched"
		if info := infoOf(r.Context()); info != nil && info.route != "" {
			route = info.route
		}
		s.cfg.Metrics.Request(route, r.Method, sw.status, time.Since(start))
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("request_id", requestID(r.Context())),
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", sw.status),
			slog.Int("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

// notePattern runs the mux and notes the pattern it matched.
func notePattern(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if info := infoOf(r.Context()); info != nil {
			info.route = r.Pattern
		}
	})
}

// recoverPanics turns a panic into a 500 and a log line with the stack.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", slog.String("request_id", requestID(r.Context())),
					slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
				statusProblem(w, http.StatusInternalServerError, navigator.ErrorMessage(nil))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range everyResponse {
			h[kv.key] = kv.value
		}
		if r.TLS != nil {
			h["Strict-Transport-Security"] = hsts
		}
		if private(r.URL.Path) {
			h["Cache-Control"] = noStore
		}
		next.ServeHTTP(w, r)
	})
}

// headerValue is a header in canonical form with its value. Every
// response carries the same few, so their values are made once and
// shared: nothing appends to a header's values after the handler, and
// Set or Del replace the slice rather than change it.
type headerValue struct {
	key   string
	value []string
}

var (
	everyResponse = []headerValue{
		{"X-Content-Type-Options", []string{"nosniff"}},
		{"X-Frame-Options", []string{"DENY"}},
		{"Referrer-Policy", []string{"same-origin"}},
		{"Content-Security-Policy", []string{"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"}},
		{"Permissions-Policy", []string{"camera=(), microphone=(), geolocation=()"}},
		{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
	}
	hsts    = []string{"max-age=31536000"}
	noStore = []string{"no-store"}
)

// privatePrefixes are the paths whose answers carry someone's personal
// data: no browser or proxy may keep a copy.
var privatePrefixes = []string{"/api/v1/me", "/api/v1/admin/", "/api/v1/auth/", "/api/v1/applications",
	"/admin", "/cabinet", "/staff/", "/reset-password", "/demo/"}

// private says whether an answer on the path is never to be stored.
func private(path string) bool {
	for _, p := range privatePrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// limitBody caps request bodies and bounds each request's time.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.MaxBodyBytes
		if uploads(r) && limit < uploadLimit {
			limit = uploadLimit // documents of the registry of executors
		}
		if r.ContentLength > limit {
			statusProblem(w, http.StatusRequestEntityTooLarge, "Тело запроса слишком большое.")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// sessionCookie is the browser session's cookie.
const sessionCookie = "navigator_session"

// authenticate finds the actor from a bearer token or the session cookie.
// A stale cookie is cleared; a bad bearer token is refused at once.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := s.clientIP(r)
		actor := navigator.Actor{IP: ip}
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				statusProblem(w, http.StatusUnauthorized, "Заголовок Authorization должен быть вида «Bearer <токен>».")
				return
			}
			a, err := s.auth.Authenticate(r.Context(), strings.TrimSpace(token), ip)
			if err != nil {
				s.writeProblem(w, r, err)
				return
			}
			actor = a
		} else if c, err := r.Cookie(sessionCookie); err == nil {
			a, err := s.auth.Authenticate(r.Context(), c.Value, ip)
			switch navigator.ErrorKind(err) {
			case "":
				actor = a
			case navigator.KindUnauthorized:
				s.clearSessionCookie(w)
			default:
				s.writeProblem(w, r, err)
				return
			}
		}
		ctx := context.WithValue(r.Context(), keyActor, actor)
		if actor.Role == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			// Nobody signed in, only reading: the catalog may come from a
			// read replica, since this person has written nothing.
			ctx = service.PublicRead(ctx)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(navigator.SessionAbsolute.Seconds())})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// clientIP is the address the request came from. The peer's address is
// used unless the server runs behind a trusted reverse proxy, which puts
// the client's address last in X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// cacheForever marks static files as immutable for a day.
func cacheForever(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}
