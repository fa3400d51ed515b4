package export

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

var table = Table{Title: "Группа 1", Header: []string{"№", "ФИО ребёнка", "Возраст"},
	Rows: [][]string{{"1", "Семёнова Алёна; Игоревна", "10"}, {"2", "Ёжиков Пётр", "9"}}}

func TestCSV(t *testing.T) {
	b, err := CSV(table)
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeff№;ФИО ребёнка;Возраст\n1;\"Семёнова Алёна; Игоревна\";10\n2;Ёжиков Пётр;9\n"
	if string(b) != want {
		t.Fatalf("CSV %q, want %q", b, want)
	}
}

func TestXLSXSheetNameFromATitle(t *testing.T) {
	b, err := XLSX(Table{Title: "Рисование: первые шаги — Группа 1-1 [осень]", Header: []string{"№"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil || len(f.GetSheetList()) != 1 || len([]rune(f.GetSheetList()[0])) > 31 {
		t.Fatalf("sheets %v, %v", f.GetSheetList(), err)
	}
}

func TestXLSX(t *testing.T) {
	b, err := XLSX(table)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Группа 1")
	if err != nil || len(rows) != 3 || rows[0][1] != "ФИО ребёнка" || rows[2][1] != "Ёжиков Пётр" {
		t.Fatalf("rows %v, %v", rows, err)
	}
}
