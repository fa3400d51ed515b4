// Package printing renders the papers an office prints: the certificate
// blank, the pre-filled application for a certificate and the consent to
// the processing of personal data. They are A4 PDFs with the Go fonts
// embedded, which cover Russian (Ё, №, «»), so every viewer shows them the
// same.
package printing

import (
	"fmt"
	"strings"
	"time"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Page geometry in points.
const (
	pageW   = 595.28
	pageH   = 841.89
	margin  = 56.0
	bottom  = pageH - 56.0
	textW   = pageW - 2*margin
	lineGap = 1.35
)

// doc is a PDF being written top to bottom, with word wrapping and page
// breaks.
type doc struct {
	pdf  *gopdf.GoPdf
	y    float64
	size float64
	bold bool
	err  error
}

func newDoc(title string) (*doc, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "Навигатор дополнительного образования", CreationDate: time.Now()})
	if err := pdf.AddTTFFontData("regular", goregular.TTF); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	if err := pdf.AddTTFFontData("bold", gobold.TTF); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	d := &doc{pdf: pdf}
	d.newPage()
	d.font(11, false)
	return d, nil
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = margin
}

func (d *doc) font(size float64, bold bool) {
	d.size, d.bold = size, bold
	family := "regular"
	if bold {
		family = "bold"
	}
	if err := d.pdf.SetFont(family, "", size); err != nil && d.err == nil {
		d.err = err
	}
}

func (d *doc) lineHeight() float64 { return d.size * lineGap }

// need starts a new page when h points do not fit.
func (d *doc) need(h float64) {
	if d.y+h > bottom {
		d.newPage()
		d.font(d.size, d.bold)
	}
}

// para writes text wrapped to the width, left-aligned from x.
func (d *doc) para(text string) { d.paraAt(margin, textW, text) }

func (d *doc) paraAt(x, width float64, text string) {
	for _, line := range d.wrap(text, width) {
		d.need(d.lineHeight())
		d.pdf.SetXY(x, d.y)
		if err := d.pdf.Text(line); err != nil && d.err == nil {
			d.err = err
		}
		d.y += d.lineHeight()
	}
}

// centered writes one line centred on the page.
func (d *doc) centered(text string) {
	for _, line := range d.wrap(text, textW) {
		d.need(d.lineHeight())
		w, _ := d.pdf.MeasureTextWidth(line)
		d.pdf.SetXY((pageW-w)/2, d.y)
		if err := d.pdf.Text(line); err != nil && d.err == nil {
			d.err = err
		}
		d.y += d.lineHeight()
	}
}

// field writes «label: value» with the value wrapped beside the label.
func (d *doc) field(label, value string) {
	if strings.TrimSpace(value) == "" {
		value = "________________________________"
	}
	d.font(d.size, true)
	lw, _ := d.pdf.MeasureTextWidth(label + ": ")
	if lw > textW/2 {
		lw = textW / 2
	}
	d.need(d.lineHeight())
	d.pdf.SetXY(margin, d.y)
	_ = d.pdf.Text(label + ":")
	d.font(d.size, false)
	d.paraAt(margin+lw, textW-lw, value)
}

func (d *doc) gap(h float64) { d.y += h }

// section starts a titled part of a paper after a gap: its title in bold,
// then the body's regular 11-point text.
func (d *doc) section(gap float64, title string) {
	d.gap(gap)
	d.font(11, true)
	d.para(title)
	d.font(11, false)
}

// wrap splits text into lines no wider than width, breaking at spaces and,
// for a word longer than a line, inside the word.
func (d *doc) wrap(text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		cur := ""
		for _, w := range words {
			try := w
			if cur != "" {
				try = cur + " " + w
			}
			if tw, _ := d.pdf.MeasureTextWidth(try); tw <= width {
				cur = try
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
			}
			cur = w
			for {
				if tw, _ := d.pdf.MeasureTextWidth(cur); tw <= width {
					break
				}
				r := []rune(cur)
				cut := len(r) - 1
				for cut > 1 {
					if tw, _ := d.pdf.MeasureTextWidth(string(r[:cut])); tw <= width {
						break
					}
					cut--
				}
				lines = append(lines, string(r[:cut]))
				cur = string(r[cut:])
			}
		}
		lines = append(lines, cur)
	}
	return lines
}

func (d *doc) bytes() ([]byte, error) {
	if d.err != nil {
		return nil, d.err
	}
	return d.pdf.GetBytesPdf(), nil
}

func ddmmyyyy(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02.01.2006")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
