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

// TestXLSXNumbersAndDates: plain numbers become numeric cells and
// «ДД.ММ.ГГГГ» date cells shown as such; phones, certificate numbers with
// a leading zero and other text stay text.
func TestXLSXNumbersAndDates(t *testing.T) {
	b, err := XLSX(Table{Title: "Список", Header: []string{"a", "b", "c", "d", "e", "f", "g"},
		Rows: [][]string{{"12", "3500,50", "12.04.2016", "+7 (913) 123-45-67", "0550100012", "Ёжиков", "-3"}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cell string
		want excelize.CellType
		text string
	}{
		{"A2", excelize.CellTypeNumber, "12"}, {"B2", excelize.CellTypeNumber, "3500.5"}, {"C2", excelize.CellTypeNumber, "12.04.2016"},
		{"D2", excelize.CellTypeSharedString, "+7 (913) 123-45-67"}, {"E2", excelize.CellTypeSharedString, "0550100012"},
		{"F2", excelize.CellTypeSharedString, "Ёжиков"}, {"G2", excelize.CellTypeNumber, "-3"},
	} {
		typ, err := f.GetCellType("Список", tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := f.GetCellValue("Список", tc.cell)
		if typ != tc.want && !(tc.want == excelize.CellTypeNumber && typ == excelize.CellTypeUnset) {
			t.Errorf("%s is of type %v, want %v", tc.cell, typ, tc.want)
		}
		if text != tc.text {
			t.Errorf("%s shows %q, want %q", tc.cell, text, tc.text)
		}
	}
}
