// Package export writes tables for people to open in a spreadsheet: CSV
// the way Russian Excel reads it (UTF-8 with a BOM, semicolons) and XLSX.
package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is a header and rows of text.
type Table struct {
	Title  string // the sheet's name
	Header []string
	Rows   [][]string
}

// CSV writes the table as UTF-8 with a BOM and ';' between fields.
func CSV(t Table) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	if err := w.Write(neutralize(t.Header)); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		if err := w.Write(neutralize(r)); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// neutralize keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return (a program's
// title, a parent's name) gets a leading apostrophe, as OWASP advises for
// CSV injection. A plain number, negative ones included, stays a number.
func neutralize(row []string) []string {
	var out []string // a copy, made at the first cell to change
	for i, c := range row {
		if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) || plainNumber(c) {
			continue
		}
		if out == nil {
			out = append([]string(nil), row...)
		}
		out[i] = "'" + c
	}
	if out == nil {
		return row
	}
	return out
}

// plainNumber says whether s is an optionally negative decimal number
// with a point or a comma, such as -100,50.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits, sep := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep && digits > 0 && i < len(s)-1:
			sep = true
		default:
			return false
		}
	}
	return digits > 0
}

// XLSX writes the table as one sheet with a bold header.
func XLSX(t Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.Title
	if sheet == "" {
		sheet = "Лист1"
	}
	sheet = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, sheet)
	if len([]rune(sheet)) > 31 {
		sheet = string([]rune(sheet)[:31])
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellValue(sheet, cell, h); err != nil {
			return nil, err
		}
		if err := f.SetCellStyle(sheet, cell, cell, bold); err != nil {
			return nil, err
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return nil, err
	}
	for r, row := range t.Rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			value, isDate := cellValue(v)
			if err := f.SetCellValue(sheet, cell, value); err != nil {
				return nil, err
			}
			if isDate {
				if err := f.SetCellStyle(sheet, cell, cell, dateStyle); err != nil {
					return nil, err
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// dateFormat shows a date cell as people write it.
var dateFormat = "dd.mm.yyyy"

// cellValue is what a spreadsheet cell holds for the text v: a number for
// a plain number (so that the sheet can sum and sort it), a date for
// «ДД.ММ.ГГГГ», else the text. Phones, certificate numbers and other
// codes with leading zeros or signs stay text.
func cellValue(v string) (value any, isDate bool) {
	if d, err := time.Parse("02.01.2006", v); err == nil && len(v) == 10 {
		return d, true
	}
	if !plainNumber(v) || (len(v) > 1 && v[0] == '0' && v[1] != ',' && v[1] != '.') || len(strings.TrimLeft(v, "-")) > 15 {
		return v, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, false
	}
	if x, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil {
		return x, false
	}
	return v, false
}
