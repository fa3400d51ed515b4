package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"navigator"
)

// problem is an RFC 9457 problem+json body.
type problem struct {
	Type   string                 `json:"type"`
	Title  string                 `json:"title"`
	Status int                    `json:"status"`
	Detail string                 `json:"detail,omitempty"`
	Code   string                 `json:"code,omitempty"`
	Errors []navigator.FieldError `json:"errors,omitempty"`
}

// statusOf maps an error kind to its HTTP status, once for the whole
// program.
var statusOf = map[navigator.Kind]int{
	navigator.KindMalformed:    http.StatusBadRequest,
	navigator.KindInvalid:      http.StatusUnprocessableEntity,
	navigator.KindUnauthorized: http.StatusUnauthorized,
	navigator.KindForbidden:    http.StatusForbidden,
	navigator.KindNotFound:     http.StatusNotFound,
	navigator.KindConflict:     http.StatusConflict,
	navigator.KindTooMany:      http.StatusTooManyRequests,
	navigator.KindUnavailable:  http.StatusServiceUnavailable,
	navigator.KindInternal:     http.StatusInternalServerError,
}

// titles are the Russian titles of the statuses.
var titles = map[int]string{
	http.StatusBadRequest:            "Некорректный запрос",
	http.StatusUnauthorized:          "Требуется вход в систему",
	http.StatusForbidden:             "Недостаточно прав",
	http.StatusNotFound:              "Не найдено",
	http.StatusMethodNotAllowed:      "Метод не поддерживается",
	http.StatusConflict:              "Конфликт с текущим состоянием",
	http.StatusRequestEntityTooLarge: "Слишком большой запрос",
	http.StatusUnsupportedMediaType:  "Неподдерживаемый формат",
	http.StatusUnprocessableEntity:   "Проверьте введённые данные",
	http.StatusTooManyRequests:       "Слишком много попыток",
	http.StatusInternalServerError:   "Внутренняя ошибка сервера",
	http.StatusServiceUnavailable:    "Сервис временно перегружен",
}

// writeProblem answers with err as problem+json; an internal error is
// logged with its detail and answered without it.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	s.noteRefusal(r, err)
	kind := navigator.ErrorKind(err)
	status := statusOf[kind]
	p := problem{Status: status, Title: titles[status], Type: "/api/v1/problems/" + string(kind)}
	var e *navigator.Error
	if errors.As(err, &e) {
		p.Detail, p.Code, p.Errors = e.Message, e.Code, e.Fields
		if e.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int(e.RetryAfter.Seconds())+1))
		}
	}
	if kind == navigator.KindInternal {
		s.log.ErrorContext(r.Context(), "request failed", slog.String("request_id", requestID(r.Context())), slog.Any("error", err))
		p.Detail = navigator.ErrorMessage(nil)
	}
	writeProblemBody(w, p)
}

func writeProblemBody(w http.ResponseWriter, p problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// statusProblem answers with a bare status.
func statusProblem(w http.ResponseWriter, status int, detail string) {
	writeProblemBody(w, problem{Type: "/api/v1/problems/" + strconv.Itoa(status), Title: titles[status], Status: status, Detail: detail})
}

// asError finds the domain error in err's chain.
func asError(err error, target **navigator.Error) bool { return errors.As(err, target) }

// noteRefusal writes a refused authorization to the audit log: who, which
// route, from where. A failure to write it is logged, not shown.
func (s *Server) noteRefusal(r *http.Request, err error) {
	if !navigator.Refusal(err) {
		return
	}
	a := actorOf(r)
	role := string(a.Role)
	if !a.SignedIn() {
		role = "anonymous"
	}
	if err := s.svc.AuditRefusal(context.WithoutCancel(r.Context()), role, a.ID, s.clientIP(r), r.Pattern); err != nil {
		s.log.ErrorContext(r.Context(), "audit refusal", slog.String("request_id", requestID(r.Context())), slog.Any("error", err))
	}
}
