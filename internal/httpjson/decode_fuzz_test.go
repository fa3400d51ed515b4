package httpjson

import (
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"navigator"
)

// FuzzDecode: whatever the body, Decode never panics, refuses
// unknown fields and trailing data, and every refusal is a navigator
// error whose message is Russian without Go's error text.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"nominal": "25000.00", "birth_date": "2016-04-12", "name": "Аня", "count": 3}`, `{"nominal": 25000}`,
		`{"extra": 1}`, `{"nominal": "1"} {}`, `{"nominal":`, `[]`, `null`, `{"birth_date": "0001-01-01"}`, `{"count": 1e400}`, "{\"name\": \"\xff\"}"} {
		f.Add(s)
	}
	goText := regexp.MustCompile(`json:|invalid character|cannot unmarshal|unexpected end|strconv|parsing time`)
	cyrillic := regexp.MustCompile(`[а-яё]`)
	f.Fuzz(func(t *testing.T, body string) {
		var v struct {
			Nominal   navigator.Money `json:"nominal"`
			BirthDate navigator.Date  `json:"birth_date"`
			Name      string          `json:"name"`
			Count     int             `json:"count"`
			Tags      []string        `json:"tags"`
		}
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		err := Decode(r, &v)
		if err == nil {
			if strings.Contains(body, `"extra"`) && !strings.Contains(body, `\`) {
				t.Fatalf("%q: an unknown field was accepted", body)
			}
			return
		}
		var e *navigator.Error
		if !errors.As(err, &e) || e.Message == "" {
			t.Fatalf("%q: %v is not a navigator error with a message", body, err)
		}
		if goText.MatchString(e.Message) || !cyrillic.MatchString(e.Message) {
			t.Fatalf("%q: message %q", body, e.Message)
		}
	})
}
