package ru

import (
	"strconv"
	"strings"
)

// Decimal writes v with digits digits after the decimal comma, as Russian
// writes numbers: 22,6.
func Decimal(v float64, digits int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', digits, 64), ".", ",", 1)
}
