package report

import (
	"fmt"
	"html"
	"strings"
)

// Bar is one labelled value of a chart.
type Bar struct {
	Label string
	Value int64
}

// Series is one named row of values of a stacked chart, a value per label.
type Series struct {
	Name   string
	Values []int64
}

// palette holds colours told apart by people with colour blindness
// (Okabe–Ito), dark enough for white text beside them.
var palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#999999"}

const (
	chartWidth = 640
	labelWidth = 210
	rowHeight  = 26
	barHeight  = 18
)

// esc escapes text for XML text and attributes.
func esc(s string) string { return html.EscapeString(s) }

// short cuts a label to n runes with an ellipsis; the full text stays in
// the bar's <title>.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// svgOpen starts an accessible chart: screen readers read the title and
// the description, which lists every value.
func svgOpen(b *strings.Builder, title, desc string, height int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="%s" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" font-family="sans-serif" font-size="13">`,
		esc(title), chartWidth, height)
	fmt.Fprintf(b, "<title>%s</title><desc>%s</desc>", esc(title), esc(desc))
}

// BarChart draws horizontal bars, one a row, each as long as its value
// against the largest. format writes a value ("" for Thousands).
func BarChart(title string, bars []Bar, format func(int64) string) string {
	if format == nil {
		format = Thousands
	}
	var top int64
	desc := make([]string, len(bars))
	for i, br := range bars {
		top = maxOf(top, br.Value)
		desc[i] = br.Label + ": " + format(br.Value)
	}
	var b strings.Builder
	height := max1(len(bars))*rowHeight + 8
	svgOpen(&b, title, strings.Join(desc, "; "), height)
	if len(bars) == 0 {
		fmt.Fprintf(&b, `<text x="8" y="20">Нет данных</text></svg>`)
		return b.String()
	}
	values := make([]string, len(bars))
	for i, br := range bars {
		values[i] = format(br.Value)
	}
	area := chartWidth - labelWidth - valueWidth(values)
	for i, br := range bars {
		y := 4 + i*rowHeight
		w := scale(br.Value, top, area)
		fmt.Fprintf(&b, `<g><title>%s</title>`, esc(desc[i]))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+14, esc(short(br.Label, 28)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"></rect>`, labelWidth, y, w, barHeight, palette[0])
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text></g>`, labelWidth+w+6, y+14, esc(values[i]))
	}
	b.WriteString("</svg>")
	return b.String()
}

// StackedChart draws a horizontal bar per label, made of the series'
// values one after another, with a legend on top.
func StackedChart(title string, labels []string, series []Series) string {
	totals := make([]int64, len(labels))
	var top int64
	for i := range labels {
		for _, s := range series {
			if i < len(s.Values) {
				totals[i] += s.Values[i]
			}
		}
		top = maxOf(top, totals[i])
	}
	desc := make([]string, len(labels))
	for i, l := range labels {
		parts := make([]string, 0, len(series))
		for _, s := range series {
			if i < len(s.Values) {
				parts = append(parts, s.Name+" "+Thousands(s.Values[i]))
			}
		}
		desc[i] = l + ": " + strings.Join(parts, ", ") + ", всего " + Thousands(totals[i])
	}
	var b strings.Builder
	legend := 28
	height := legend + max1(len(labels))*rowHeight + 8
	svgOpen(&b, title, strings.Join(desc, "; "), height)
	x := 8
	for k, s := range series {
		fmt.Fprintf(&b, `<rect x="%d" y="6" width="14" height="14" fill="%s"></rect><text x="%d" y="18">%s</text>`,
			x, palette[k%len(palette)], x+20, esc(s.Name))
		x += 20 + 8*len([]rune(s.Name)) + 16
	}
	if len(labels) == 0 {
		fmt.Fprintf(&b, `<text x="8" y="%d">Нет данных</text></svg>`, legend+16)
		return b.String()
	}
	totalTexts := make([]string, len(totals))
	for i, n := range totals {
		totalTexts[i] = Thousands(n)
	}
	area := chartWidth - labelWidth - valueWidth(totalTexts)
	for i, l := range labels {
		y := legend + 4 + i*rowHeight
		fmt.Fprintf(&b, `<g><title>%s</title>`, esc(desc[i]))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelWidth-8, y+14, esc(short(l, 28)))
		var before int64
		for k, s := range series {
			if i >= len(s.Values) || s.Values[i] == 0 {
				continue
			}
			x0 := scale(before, top, area)
			x1 := scale(before+s.Values[i], top, area)
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"></rect>`, labelWidth+x0, y, x1-x0, barHeight, palette[k%len(palette)])
			before += s.Values[i]
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text></g>`, labelWidth+scale(totals[i], top, area)+6, y+14, esc(Thousands(totals[i])))
	}
	b.WriteString("</svg>")
	return b.String()
}

// LineChart draws values over time (a point per label, e.g. a day), with
// the largest value and the first and last labels on the axes.
func LineChart(title string, points []Bar) string {
	const height, left, right, top, bottom = 220, 56, 16, 12, 32
	var peak int64
	desc := make([]string, len(points))
	for i, p := range points {
		peak = maxOf(peak, p.Value)
		desc[i] = p.Label + ": " + Thousands(p.Value)
	}
	var b strings.Builder
	svgOpen(&b, title, strings.Join(desc, "; "), height)
	if len(points) == 0 {
		b.WriteString(`<text x="8" y="20">Нет данных</text></svg>`)
		return b.String()
	}
	w, h := chartWidth-left-right, height-top-bottom
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#555"></line>`, left, top+h, left+w, top+h)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#555"></line>`, left, top, left, top+h)
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left-6, top+10, esc(Thousands(peak)))
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">0</text>`, left-6, top+h)
	xs := make([]int, len(points))
	coords := make([]string, len(points))
	for i, p := range points {
		xs[i] = left + w/2
		if len(points) > 1 {
			xs[i] = left + i*w/(len(points)-1)
		}
		y := top + h - scale(p.Value, peak, h)
		coords[i] = fmt.Sprintf("%d,%d", xs[i], y)
	}
	fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"></polyline>`, strings.Join(coords, " "), palette[0])
	for i := range points {
		fmt.Fprintf(&b, `<circle cx="%s" r="3" fill="%s"><title>%s</title></circle>`,
			strings.Replace(coords[i], ",", `" cy="`, 1), palette[0], esc(desc[i]))
	}
	if len(points) == 1 {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, xs[0], height-8, esc(points[0].Label))
	} else {
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`, left, height-8, esc(points[0].Label))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, left+w, height-8, esc(points[len(points)-1].Label))
	}
	b.WriteString("</svg>")
	return b.String()
}

// valueWidth is the room the longest value text needs right of its bar,
// at about 8 units a character of the 13-unit font.
func valueWidth(texts []string) int {
	n := 0
	for _, t := range texts {
		n = max(n, len([]rune(t)))
	}
	return max(48, n*8+12)
}

// scale maps v of top onto length units, at least 1 for a positive value
// so that it stays visible.
func scale(v, top int64, length int) int {
	if top <= 0 || v <= 0 {
		return 0
	}
	return max1(int(v * int64(length) / top))
}

func maxOf(a, b int64) int64 {
	if b > a {
		return b
	}
	return a
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
