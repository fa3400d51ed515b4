package navigator

import (
	"testing"
	"time"
)

func TestCanPublish(t *testing.T) {
	today := NewDate(2026, time.December, 6)
	desc := "Рисуем акварелью и гуашью, учимся композиции и цвету."
	open := Group{Accepting: true, EndsOn: NewDate(2027, time.May, 31)}
	closed := Group{Accepting: false, EndsOn: NewDate(2027, time.May, 31)}
	ended := Group{Accepting: true, EndsOn: NewDate(2026, time.November, 30)}
	for _, tc := range []struct {
		name     string
		desc     string
		from, to int
		groups   []Group
		fields   []string
	}{
		{"ready", desc, 7, 12, []Group{closed, open}, nil},
		{"no groups", desc, 7, 12, nil, []string{"groups"}},
		{"only closed and ended groups", desc, 7, 12, []Group{closed, ended}, []string{"groups"}},
		{"no ages", desc, 0, 0, []Group{open}, []string{"age_from"}},
		{"short description", "Рисуем.", 7, 12, []Group{open}, []string{"description"}},
		{"nothing", "", 0, 0, nil, []string{"age_from", "description", "groups"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CanPublish(tc.desc, tc.from, tc.to, tc.groups, today)
			var got []string
			if err != nil {
				for _, fe := range err.(*Error).Fields {
					if fe.Code != "not_ready" || fe.Message == "" {
						t.Errorf("field error %+v", fe)
					}
					got = append(got, fe.Field)
				}
			}
			if len(got) != len(tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
			for i := range got {
				if got[i] != tc.fields[i] {
					t.Fatalf("fields %v, want %v", got, tc.fields)
				}
			}
		})
	}
}
