package ru

import (
	"testing"
)

func TestSameStemForWordForms(t *testing.T) {
	for _, group := range [][]string{
		{"рисование", "рисованию", "рисованием", "Рисования"},
		{"шахматы", "шахматам", "шахматами", "шахмат"},
		{"робототехника", "робототехники", "робототехникой"},
		{"футбол", "футболу", "футболом"},
		{"вокал", "вокалом", "вокалу"},
		{"программирование", "программированию", "программированием"},
		{"краеведение", "краеведению", "краеведения"},
		{"ёлка", "елки", "Ёлкой"},
	} {
		for _, text := range group {
			for _, q := range group {
				if !Matches(text, q) {
					t.Errorf("query %q does not find %q (index %v, query %v)", q, text, IndexTokens(text), QueryStems(q, 5))
				}
			}
		}
	}
}

func TestMatchesNeedsEveryWord(t *testing.T) {
	text := "Шахматы для начинающих. Занятия в Доме детского творчества"
	for q, want := range map[string]bool{
		"шахматам":           true,
		"шахматы начинающим": true,
		"шахматы футбол":     false,
		"творчеству":         true,
		"":                   true,
	} {
		if got := Matches(text, q); got != want {
			t.Errorf("Matches(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestQueryStemsDropsStopWordsAndRepeats(t *testing.T) {
	got := QueryStems("Шахматы для детей и шахматам", 10)
	if len(got) != 2 {
		t.Fatalf("QueryStems = %v, want 2 stems", got)
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0 программ"}, {1, "1 программа"}, {2, "2 программы"}, {4, "4 программы"},
		{5, "5 программ"}, {11, "11 программ"}, {12, "12 программ"}, {14, "14 программ"},
		{21, "21 программа"}, {22, "22 программы"}, {25, "25 программ"}, {101, "101 программа"},
		{111, "111 программ"}, {1000, "1000 программ"},
	} {
		if got := Count(c.n, "программа", "программы", "программ"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
