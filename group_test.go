package navigator

import "testing"

func TestGroupTakesApplications(t *testing.T) {
	today := NewDate(2026, 12, 5)
	for _, tc := range []struct {
		name      string
		accepting bool
		ends      Date
		want      bool
	}{
		{"accepting, ends later", true, NewDate(2027, 5, 31), true},
		{"accepting, ends today", true, today, true},
		{"accepting, ended yesterday", true, NewDate(2026, 12, 4), false},
		{"closed by the provider", false, NewDate(2027, 5, 31), false},
	} {
		g := Group{Accepting: tc.accepting, EndsOn: tc.ends}
		if got := g.TakesApplications(today); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
