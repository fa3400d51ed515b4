package server

import (
	"net/http"
	"strings"
	"time"
)

// shed bounds the requests served at once. A request that finds no free
// slot within wait is answered 503 with Retry-After: a short, clear
// refusal the client can retry (with the same Idempotency-Key) instead of
// a server that slows down for everyone until it falls over. Health checks
// and static files are never shed, and neither are the metrics. onShed,
// when not nil, counts the refusals.
func shed(limit int, wait time.Duration, onShed func(), next http.Handler) http.Handler {
	if limit <= 0 {
		return next
	}
	slots := make(chan struct{}, limit)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
		default:
			t := time.NewTimer(wait)
			select {
			case slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				if onShed != nil {
					onShed()
				}
				w.Header().Set("Retry-After", "1")
				statusProblem(w, http.StatusServiceUnavailable, "Сервер сейчас перегружен. Повторите запрос через секунду — заявка с тем же ключом Idempotency-Key не задвоится.")
				return
			case <-r.Context().Done():
				return
			}
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}
