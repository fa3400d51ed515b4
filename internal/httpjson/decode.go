// Package httpjson reads the JSON bodies of API requests: one object,
// no unknown fields, no trailing data, and every refusal a navigator
// error whose message a person can read in Russian. It is its own small
// package so that its fuzz target builds in seconds.
package httpjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"navigator"
)

// Decode reads one JSON object into v, refusing unknown fields,
// trailing data and other content types.
func Decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return &navigator.Error{Kind: navigator.KindMalformed, Message: "Тело запроса должно быть в формате JSON (Content-Type: application/json)."}
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &navigator.Error{Kind: navigator.KindMalformed, Message: jsonMessage(err), Err: err}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &navigator.Error{Kind: navigator.KindMalformed, Message: "После JSON-объекта в теле запроса есть лишние данные."}
	}
	return nil
}

// DecodeOptional is Decode for a body that may be left out: an
// empty body leaves v as it is.
func DecodeOptional(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return Decode(r, v)
}

// jsonMessage explains a decoding failure in Russian, naming the field.
func jsonMessage(err error) string {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return fmt.Sprintf("Тело запроса больше %d байт.", tooBig.Limit)
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return "Тело запроса — не корректный JSON."
	case errors.Is(err, io.EOF):
		return "Тело запроса пустое, а нужен JSON-объект."
	case errors.As(err, &typeErr):
		return fmt.Sprintf("Поле «%s» имеет неверный тип.", typeErr.Field)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Sprintf("Неизвестное поле %s.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	var own *navigator.Error
	if errors.As(err, &own) && own.Message != "" {
		return own.Message // a field's own type said what is wrong, in Russian
	}
	return "Тело запроса не удалось прочитать: значение одного из полей записано неверно."
}
