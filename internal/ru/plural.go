package ru

import "fmt"

// Plural chooses the form for n among one («1 программа»), few («2
// программы») and many («5 программ»), by the rule of Russian grammar.
func Plural(n int, one, few, many string) string {
	if n < 0 {
		n = -n
	}
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return one
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return few
	}
	return many
}

// Count writes n with its word: Count(5, "программа", "программы",
// "программ") is «5 программ».
func Count(n int, one, few, many string) string {
	return fmt.Sprintf("%d %s", n, Plural(n, one, few, many))
}
