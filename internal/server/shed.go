package server

import (
	"hash/maphash"
	"net/http"
	"strings"

	"navigator/internal/admission"
)

// shedMessage is what a refused request is told.
const shedMessage = "Сервер сейчас перегружен. Повторите запрос через секунду — заявка с тем же ключом Idempotency-Key не задвоится."

// shed lets a request in through the admission gate or answers 503 with
// Retry-After: a short, clear refusal the client can retry (with the same
// Idempotency-Key) instead of a server that slows down for everyone until
// it falls over. A page gets a page that reloads itself; the API gets
// problem+json. Health checks, static files and the metrics are never
// shed. onShed, when not nil, counts the refusals.
func (s *Server) shed(gate *admission.Gate, onShed func(), next http.Handler) http.Handler {
	seed := maphash.MakeSeed()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		done, ok := gate.Admit(r.Context(), s.retryKey(seed, r))
		if !ok {
			if r.Context().Err() != nil {
				return // the client has gone
			}
			if onShed != nil {
				onShed()
			}
			w.Header().Set("Retry-After", "1")
			if strings.HasPrefix(r.URL.Path, "/api/") {
				statusProblem(w, http.StatusServiceUnavailable, shedMessage)
				return
			}
			busyPage(w, r)
			return
		}
		defer done()
		next.ServeHTTP(w, r)
	})
}

// retryKey recognises a request when it comes again after a refusal: by
// its Idempotency-Key and credentials, or else by who sent it (session or
// address) and what it asked for. It is a keyed hash kept only in memory,
// so neither a token nor an address is stored.
func (s *Server) retryKey(seed maphash.Seed, r *http.Request) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	who := r.Header.Get("Authorization")
	if who == "" {
		if c, err := r.Cookie(sessionCookie); err == nil {
			who = c.Value
		} else {
			who = s.clientIP(r)
		}
	}
	h.WriteString(who)
	h.WriteByte(0)
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		h.WriteString(k)
	} else {
		h.WriteString(r.Method)
		h.WriteByte(' ')
		h.WriteString(r.URL.RequestURI())
	}
	return h.Sum64() | 1 // never 0, which means "unknown"
}

// busyPage is the refusal a person sees in a browser. It does not need the
// templates (a crowd is when rendering is least affordable): a GET
// reloads itself after a few seconds; a form is not sent again behind the
// person's back.
func busyPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	refresh := ""
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		refresh = `<meta http-equiv="refresh" content="3">`
	}
	_, _ = w.Write([]byte(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` + refresh +
		`<title>Сервер перегружен — Навигатор</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em">` +
		`<h1>Сейчас очень много обращений</h1>` + busyAdvice(r) + `</body></html>`))
}

func busyAdvice(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return `<p>Страница откроется сама через несколько секунд. Если этого не произошло, обновите её.</p>`
	}
	return `<p>Ваши данные не отправлены. Вернитесь назад и нажмите кнопку ещё раз через несколько секунд — повторная заявка не задвоится.</p>`
}
