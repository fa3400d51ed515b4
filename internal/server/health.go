package server

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"navigator"
)

// healthz says the process is alive.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz says whether the server can serve: the database answers, its
// schema is the one this binary knows, and a write commits (a full disk
// or a read-only standby answers reads yet loses every application).
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.svc.Ping(ctx); err != nil {
		statusProblem(w, http.StatusServiceUnavailable, "База данных не отвечает.")
		return
	}
	cur, target, err := s.svc.SchemaStatus(ctx)
	if err != nil || cur != target {
		statusProblem(w, http.StatusServiceUnavailable, "Схема базы данных не обновлена: выполните navigator migrate.")
		return
	}
	if err := s.probe.check(ctx); err != nil {
		statusProblem(w, http.StatusServiceUnavailable, "База данных не принимает записи: проверьте место на диске и доступ к базе.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "schema_version": cur})
}

// metrics serves Prometheus. The figures are aggregates without personal
// data, yet they are the region's business: only the server's own
// machine (a Prometheus agent beside it) or a holder of the metrics token
// may read them.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	allowed := s.cfg.MetricsToken != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.MetricsToken)) == 1
	if ip := net.ParseIP(s.clientIP(r)); ip != nil && ip.IsLoopback() && r.Header.Get("X-Forwarded-For") == "" {
		allowed = true
	}
	if !allowed {
		statusProblem(w, http.StatusForbidden, "Метрики доступны только с этой машины или с токеном --metrics-token.")
		return
	}
	s.cfg.Metrics.Handler().ServeHTTP(w, r)
}

// apiFallback answers an API path no route took: 405 with Allow when the
// path exists with other methods, 404 otherwise, both as problem+json.
func (s *Server) apiFallback(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		if slices.Contains(allowed, http.MethodGet) {
			allowed = append(allowed, http.MethodHead)
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		statusProblem(w, http.StatusMethodNotAllowed, "Метод "+r.Method+" не поддерживается для этого адреса.")
		return
	}
	statusProblem(w, http.StatusNotFound, "Такого адреса в API нет.")
}

// pageFallback answers a site address no route took with the Russian
// page: 405 when the address exists with another method, 404 otherwise.
func (s *Server) pageFallback(w http.ResponseWriter, r *http.Request) {
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			w.Header().Set("Allow", m)
			s.render(w, r, http.StatusMethodNotAllowed, "error.html", "Метод не поддерживается",
				map[string]string{"Message": "Эту страницу нельзя открыть так: вернитесь назад и воспользуйтесь кнопкой на странице.", "RequestID": requestID(r.Context())})
			return
		}
	}
	s.pageError(w, r, navigator.NotFound("Страница не найдена. Проверьте адрес или начните с главной страницы."))
}
