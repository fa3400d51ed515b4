package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

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
	w.Header()["Content-Type"] = jsonType
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// jsonType is the Content-Type of every JSON answer, shared as the
// security headers are (middleware.go).
var jsonType = []string{"application/json; charset=utf-8"}

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
