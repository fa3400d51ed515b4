// Package navigator holds the domain of the «Навигатор дополнительного
// образования детей»: its types, their validation rules and the errors the
// rest of the program speaks in. It knows nothing of HTTP or SQL.
package navigator

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error so that it is mapped once to an HTTP status, a
// command's exit and a message for people.
type Kind string

// Error kinds.
const (
	KindInvalid      Kind = "invalid"      // well-formed but fails validation (422)
	KindMalformed    Kind = "malformed"    // cannot be parsed (400)
	KindUnauthorized Kind = "unauthorized" // not signed in (401)
	KindForbidden    Kind = "forbidden"    // signed in but not allowed (403)
	KindNotFound     Kind = "not_found"    // missing or outside the caller's scope (404)
	KindConflict     Kind = "conflict"     // conflicts with the current state (409)
	KindTooMany      Kind = "too_many"     // throttled (429)
	KindUnavailable  Kind = "unavailable"  // shed load or a dependency is down (503)
	KindInternal     Kind = "internal"     // a bug or an unexpected failure (500)
)

// FieldError names one invalid field of a request.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is the domain error. Message is a Russian sentence a person can
// read; Op and Err are for logs only and never reach a person.
type Error struct {
	Kind    Kind
	Code    string // machine-readable restriction code, e.g. "duplicate", "balance"
	Message string
	Fields  []FieldError
	Op      string
	Err     error
	// RetryAfter tells a throttled caller when to try again.
	RetryAfter time.Duration
	// Refused marks a not-found that hides an object outside the caller's
	// scope: the person sees «not found», the audit log a refusal.
	Refused bool
}

// Refusal reports whether err refuses an authorization: a 403, or a 404
// that hides an object outside the caller's scope.
func Refusal(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Kind == KindForbidden || e.Refused)
}

func (e *Error) Error() string {
	msg := string(e.Kind)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an error of the kind with a Russian message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a validation error for the given fields.
func Invalid(fields ...FieldError) *Error {
	msg := "Проверьте введённые данные."
	if len(fields) == 1 {
		msg = fields[0].Message
	}
	return &Error{Kind: KindInvalid, Message: msg, Fields: fields}
}

// WithCode sets the machine-readable code and returns e.
func (e *Error) WithCode(code string) *Error { e.Code = code; return e }

// ErrorKind returns the kind of err: that of the first *Error in its chain,
// KindInternal for any other non-nil error and "" for nil.
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrorCode returns the restriction code of the first *Error in err's
// chain, or "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the Russian message of err fit for a person; any
// error that is not an *Error yields a generic sentence.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "Внутренняя ошибка сервера. Попробуйте ещё раз позже."
}

// Fields collects field errors; Err returns nil when none were added.
type Fields []FieldError

// Add appends a field error.
func (f *Fields) Add(field, code, message string) {
	*f = append(*f, FieldError{Field: field, Code: code, Message: message})
}

// Err returns the collected errors as one invalid error, or nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f...)
}

// NotFound returns a not-found error with the Russian message, e.g.
// «Программа не найдена.».
func NotFound(message string) *Error {
	return &Error{Kind: KindNotFound, Message: message}
}
