package httpjson

import (
	"errors"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"navigator"
)

// TestDecodeSpeaksRussian: whatever is wrong in a body, the message a
// person reads is Russian and carries no Go error text.
func TestDecodeSpeaksRussian(t *testing.T) {
	english := regexp.MustCompile(`(?i)\b(bad|amount|cannot|invalid|unmarshal|parsing|money|must|string)\b`)
	for _, body := range []string{
		`{"nominal": "12a"}`,
		`{"nominal": "1.234"}`,
		`{"nominal": 25000}`,
		`{"nominal": "-"}`,
		`{"birth_date": "2020-13-45"}`,
		`{"birth_date": 5}`,
		`{"nominal": "1", "extra": 1}`,
		`{"nominal": "1"} {}`,
		`{"nominal":`,
	} {
		var v struct {
			Nominal   navigator.Money `json:"nominal"`
			BirthDate navigator.Date  `json:"birth_date"`
		}
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		err := Decode(r, &v)
		if err == nil {
			t.Errorf("%s: accepted", body)
			continue
		}
		var e *navigator.Error
		if !errors.As(err, &e) || e.Message == "" {
			t.Errorf("%s: %v is not a navigator error with a message", body, err)
			continue
		}
		if english.MatchString(e.Message) || !regexp.MustCompile(`[а-яё]`).MatchString(e.Message) {
			t.Errorf("%s: message %q is not plain Russian", body, e.Message)
		}
	}
}
