package ru

import "testing"

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		v      float64
		digits int
		want   string
	}{
		{22.6, 1, "22,6"},
		{0.456, 2, "0,46"},
		{1234, 0, "1234"},
		{-1.5, 1, "-1,5"},
	} {
		if got := Decimal(c.v, c.digits); got != c.want {
			t.Errorf("Decimal(%v, %d) = %q, want %q", c.v, c.digits, got, c.want)
		}
	}
}
