package navigator

import (
	"reflect"
	"testing"
)

func TestParsePeopleQuery(t *testing.T) {
	for _, c := range []struct {
		q    string
		want PeopleQuery
	}{
		{"9131234567", PeopleQuery{Phone: "+79131234567", Certificate: "9131234567"}},
		{"89131234567", PeopleQuery{Phone: "+79131234567"}},
		{"+7 913 123-45-67", PeopleQuery{Phone: "+79131234567"}},
		{"+7 (913) 123-45-67", PeopleQuery{Phone: "+79131234567"}},
		{"79131234567", PeopleQuery{Phone: "+79131234567"}},
		{"5501000024", PeopleQuery{Phone: "+75501000024", Certificate: "5501000024"}},
		{"  Mikhaylova.S ", PeopleQuery{Email: "mikhaylova.s"}},
		{"@example.org", PeopleQuery{Email: "@example.org"}},
		{"михайлова", PeopleQuery{Names: []string{"михайлова"}}},
		{"МИХАЙЛОВА Светлана", PeopleQuery{Names: []string{"михайлова", "светлана"}}},
		{"Фёдорова Алёна Петровна лишнее", PeopleQuery{Names: []string{"федорова", "алена", "петровна"}}},
		{"", PeopleQuery{}},
	} {
		if got := ParsePeopleQuery(c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParsePeopleQuery(%q) = %+v, want %+v", c.q, got, c.want)
		}
	}
}
