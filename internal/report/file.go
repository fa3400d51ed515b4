package report

import (
	"fmt"

	"navigator"
	"navigator/internal/export"
)

// Formats a report file can be made in.
const (
	FormatCSV  = "csv"
	FormatXLSX = "xlsx"
)

// ValidFormat reports whether f is a file format.
func ValidFormat(f string) bool { return f == FormatCSV || f == FormatXLSX }

// File writes the result as CSV (UTF-8 with a BOM, for Russian Excel) or
// XLSX, with a file name of the report and the day it was made.
func File(res *Result, format string, on navigator.Date) (filename, contentType string, body []byte, err error) {
	filename = fmt.Sprintf("%s-%s.%s", res.Name, on, format)
	switch format {
	case FormatCSV:
		body, err = export.CSV(res.Table)
		contentType = "text/csv; charset=utf-8"
	case FormatXLSX:
		body, err = export.XLSX(res.Table)
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	default:
		return "", "", nil, fmt.Errorf("report file: unknown format %q", format)
	}
	if err != nil {
		return "", "", nil, fmt.Errorf("report file %s: %w", filename, err)
	}
	return filename, contentType, body, nil
}
