package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"navigator"
)

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		statusProblem(w, http.StatusInternalServerError, navigator.ErrorMessage(nil))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// decodeJSON reads one JSON object into v, refusing unknown fields,
// trailing data and other content types.
func decodeJSON(r *http.Request, v any) error {
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

// decodeOptionalJSON is decodeJSON for a body that may be left out: an
// empty body leaves v as it is.
func decodeOptionalJSON(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return decodeJSON(r, v)
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

// pathID reads a positive integer path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, navigator.NotFound("Не найдено.")
	}
	return id, nil
}

// queryInt reads an optional non-negative integer query parameter.
func queryInt(r *http.Request, name string, fields *navigator.Fields) int {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		fields.Add(name, "format", fmt.Sprintf("Параметр «%s» должен быть неотрицательным целым числом.", name))
		return 0
	}
	return n
}
