// Package ru holds what the product needs of the Russian language: word
// stems for full-text search, plural forms and dates for people.
package ru

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Words splits text into lower-case words with «ё» folded to «е», the way
// people type search queries.
func Words(text string) []string {
	text = strings.ToLower(text)
	text = strings.ReplaceAll(text, "ё", "е")
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Stem returns the stem of one lower-case word: Russian words by the
// Snowball Russian stemmer, Latin words by the English one, numbers as they
// are. «рисованию», «рисование» and «рисованием» share the stem «рисован».
func Stem(word string) string {
	cyr, lat := false, false
	for _, r := range word {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			lat = true
		}
	}
	switch {
	case cyr && !lat:
		return russian.Stem(word, true)
	case lat && !cyr:
		return english.Stem(word, true)
	}
	return word
}

// stop are words too common to search by.
var stop = map[string]bool{
	"и": true, "в": true, "во": true, "на": true, "с": true, "со": true, "для": true, "по": true,
	"к": true, "ко": true, "о": true, "об": true, "от": true, "из": true, "у": true, "а": true,
	"но": true, "или": true, "не": true, "за": true, "до": true, "при": true, "же": true, "то": true,
}

// Stems returns the stems of the words of text, without stop words, in
// order and with repeats, for an index.
func Stems(text string) []string {
	words := Words(text)
	out := words[:0]
	for _, w := range words {
		if stop[w] {
			continue
		}
		if s := Stem(w); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// IndexTokens returns what an index keeps of text: every word's stem and,
// where it differs, the word itself. A query is matched by its stems as
// prefixes, so «вокалом» (stem «вокал») still finds «вокал», which the
// stemmer cuts to «вока».
func IndexTokens(text string) []string {
	words := Words(text)
	out := make([]string, 0, len(words)*2)
	for _, w := range words {
		if stop[w] {
			continue
		}
		s := Stem(w)
		out = append(out, s)
		if s != w {
			out = append(out, w)
		}
	}
	return out
}

// Matches reports whether every stem of the query is a prefix of one of
// the index tokens of text; it is the rule both engines' indexes follow.
func Matches(text, query string) bool {
	tokens := IndexTokens(text)
	for _, q := range QueryStems(query, 32) {
		found := false
		for _, t := range tokens {
			if strings.HasPrefix(t, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// QueryStems returns the distinct stems of a search query, at most max.
func QueryStems(q string, max int) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range Stems(q) {
		if !seen[s] && len(out) < max {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
