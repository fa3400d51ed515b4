package report

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is what a test reads back from a chart.
type svgDoc struct {
	root  xml.StartElement
	texts []string
	rects []map[string]string
	title string
}

func parseSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var doc svgDoc
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not valid XML: %v\n%s", err, s)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				doc.root = tk.Copy()
			}
			stack = append(stack, tk.Name.Local)
			if tk.Name.Local == "rect" {
				m := map[string]string{}
				for _, a := range tk.Attr {
					m[a.Name.Local] = a.Value
				}
				doc.rects = append(doc.rects, m)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			switch stack[len(stack)-1] {
			case "text":
				doc.texts = append(doc.texts, string(tk))
			case "title":
				if len(stack) == 2 {
					doc.title = string(tk)
				}
			}
		}
	}
	return doc
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func TestReportBarChart(t *testing.T) {
	svg := BarChart(`Сертификаты <по> "муниципалитетам" & типам`, []Bar{{"г. Блестящий", 21400}, {"Азовский район", 5350}, {"Пусто", 0}}, nil)
	doc := parseSVG(t, svg)
	if doc.root.Name.Local != "svg" || attr(doc.root, "role") != "img" || !strings.Contains(attr(doc.root, "aria-label"), `"муниципалитетам" & типам`) {
		t.Fatalf("root %v", doc.root)
	}
	if doc.title != `Сертификаты <по> "муниципалитетам" & типам` {
		t.Fatalf("title %q", doc.title)
	}
	joined := strings.Join(doc.texts, "|")
	for _, want := range []string{"г. Блестящий", "Азовский район", "21\u00a0400", "5\u00a0350"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in %q", want, joined)
		}
	}
	if len(doc.rects) != 3 {
		t.Fatalf("%d bars", len(doc.rects))
	}
	w0, _ := strconv.Atoi(doc.rects[0]["width"])
	w1, _ := strconv.Atoi(doc.rects[1]["width"])
	w2, _ := strconv.Atoi(doc.rects[2]["width"])
	if w0 != chartWidth-labelWidth-valueWidth([]string{"21\u00a0400"}) || w1 != w0/4 || w2 != 0 {
		t.Fatalf("widths %d %d %d: not proportional", w0, w1, w2)
	}
}

func TestReportStackedChart(t *testing.T) {
	svg := StackedChart("По типам", []string{"А", "Б"}, []Series{{"Учёта", []int64{3, 1}}, {"Финансирования", []int64{1, 0}}})
	doc := parseSVG(t, svg)
	// 2 legend squares and 3 non-empty parts.
	if len(doc.rects) != 5 {
		t.Fatalf("%d rects", len(doc.rects))
	}
	a1, _ := strconv.Atoi(doc.rects[2]["width"])
	a2, _ := strconv.Atoi(doc.rects[3]["width"])
	b1, _ := strconv.Atoi(doc.rects[4]["width"])
	if far(a1, 3*a2, 3) || far(b1, a2, 1) {
		t.Fatalf("parts %d %d %d", a1, a2, b1)
	}
	joined := strings.Join(doc.texts, "|")
	for _, want := range []string{"Учёта", "Финансирования", "4", "1"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in %q", want, joined)
		}
	}
}

func TestReportLineAndEmptyCharts(t *testing.T) {
	doc := parseSVG(t, LineChart("По дням", []Bar{{"01.09.2026", 2}, {"02.09.2026", 1200}, {"03.09.2026", 5}}))
	joined := strings.Join(doc.texts, "|")
	if !strings.Contains(joined, "01.09.2026") || !strings.Contains(joined, "03.09.2026") || !strings.Contains(joined, "1\u00a0200") {
		t.Fatalf("texts %q", joined)
	}
	for _, svg := range []string{BarChart("x", nil, nil), StackedChart("x", nil, nil), LineChart("x", nil)} {
		if d := parseSVG(t, svg); !strings.Contains(strings.Join(d.texts, ""), "Нет данных") {
			t.Errorf("empty chart says nothing: %s", svg)
		}
	}
}

func TestReportFormats(t *testing.T) {
	if got := Thousands(1234567); got != "1\u00a0234\u00a0567" {
		t.Errorf("Thousands %q", got)
	}
	if got := Percent(percent(1, 3)); got != "33,3\u00a0%" {
		t.Errorf("Percent %q", got)
	}
	if got := MonthTitle("2026-10"); got != "октябрь 2026" {
		t.Errorf("MonthTitle %q", got)
	}
	r := StatementRow{Amount: 250001}
	r.SetAdvance(80)
	if r.Advance != 200000 || r.Remainder != 50001 {
		t.Errorf("advance %v remainder %v", r.Advance, r.Remainder)
	}
	res := StatementResult("ДДТ", "2026-10", 80, []StatementRow{r, r})
	last := res.Table.Rows[len(res.Table.Rows)-1]
	if last[0] != "Итого" || last[6] != "5000,02" || res.Total != 2 {
		t.Errorf("total row %v", last)
	}
	if empty := CoverageResult(nil); !empty.Empty() || empty.Table.Header[0] != "Муниципалитет" {
		t.Errorf("empty coverage %+v", empty)
	}
}

// far reports whether a and b differ by more than d: widths are rounded
// to whole units.
func far(a, b, d int) bool { return a-b > d || b-a > d }
