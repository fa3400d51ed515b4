package server

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"navigator"
	"navigator/internal/ru"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// funcs are the helpers templates may call.
var funcs = template.FuncMap{
	"plural":       func(n int, one, few, many string) string { return ru.Count(n, one, few, many) },
	"money":        func(m navigator.Money) string { return m.Russian() },
	"date":         func(d navigator.Date) string { return d.Russian() },
	"hours":        func(h navigator.Hours) string { return h.Russian() },
	"mark":         func(m navigator.Mark) string { return m.Title() },
	"reportstatus": func(s navigator.ReportStatus) string { return s.Title() },
	"monthtitle":   navigator.MonthTitle,
	"phone":        navigator.FormatPhone,
	"weekday": func(d int) string {
		if d < 1 || d > 7 {
			return ""
		}
		return navigator.WeekdayNames[d]
	},
	"weekdays": func() []int { return []int{1, 2, 3, 4, 5, 6, 7} },
	"ageRows":  func() []int { return []int{0, 1, 2} }, // the rows of the volumes by age (ageRows)
	"add":      func(a, b int) int { return a + b },
	"sub":      func(a, b int) int { return a - b },
	"registry": func(r navigator.Registry) string { return r.Title() },
	"form":     func(f navigator.FormOfStudy) string { return f.Title() },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			k, _ := kv[i].(string)
			m[k] = kv[i+1]
		}
		return m
	},
	"masksnils":  navigator.MaskSNILS,
	"certtype":   func(t navigator.CertificateType) string { return t.Title() },
	"certstatus": func(s navigator.CertificateStatus) string { return s.Title() },
	"execstatus": func(s navigator.ExecutorStatus) string { return s.Title() },
	"requirement": func(code string) string {
		if r, ok := navigator.RequirementByCode(code); ok {
			return r.Title
		}
		return "Другой документ"
	},
	"filesize": func(n int) string {
		if n < 1<<20 {
			return fmt.Sprintf("%d КБ", (n+1023)/1024)
		}
		return strings.Replace(fmt.Sprintf("%.1f МБ", float64(n)/(1<<20)), ".", ",", 1)
	},
	"sex":       func(s navigator.Sex) string { return s.Title() },
	"appstatus": func(s string) string { return navigator.ApplicationStatus(s).Title() },
	"progstatus": func(s navigator.ProgramStatus) string {
		return map[navigator.ProgramStatus]string{navigator.ProgramDraft: "Черновик", navigator.ProgramPublished: "Опубликована",
			navigator.ProgramArchived: "В архиве"}[s]
	},
	"action":         actionTitle,
	"browser":        browserName,
	"subjectkind":    subjectKind,
	"subjectlink":    auditSubjectLink,
	"add1":           func(i int) int { return i + 1 },
	"roletitle":      roleTitle,
	"deref":          func(d *navigator.Date) navigator.Date { return *d },
	"contractstatus": func(s navigator.ContractStatus) string { return strings.ToLower(s.Title()) },
	"datetime":       func(t time.Time) string { return t.In(navigator.Zone).Format("02.01.2006 15:04") },
	// moment is a day's boundary as people write it: the date alone at
	// the start (00:00) or the end (23:59) of the day, else with the time.
	"moment": func(t time.Time) string {
		if l := t.In(navigator.Zone); l.Hour() == 0 && l.Minute() == 0 || l.Hour() == 23 && l.Minute() == 59 {
			return l.Format("02.01.2006")
		}
		return t.In(navigator.Zone).Format("02.01.2006 15:04")
	},
	"ages": func(from, to int) string {
		return "от " + strconv.Itoa(from) + " до " + ru.Count(to, "года", "лет", "лет")
	},
}

// parsePages parses the templates; direction names a direction by its
// code as the regional admin last named it.
func parsePages(direction func(code string) string) (*template.Template, error) {
	return template.New("").Funcs(funcs).Funcs(template.FuncMap{"direction": direction}).ParseFS(templateFiles, "templates/*.html")
}

// directions are the directions as now named, the built-in names if the
// database cannot be read.
func (s *Server) directions(ctx context.Context) []navigator.Direction {
	ds, err := s.svc.PublicDirections(ctx)
	if err != nil || len(ds) == 0 {
		return navigator.Directions
	}
	return ds
}

// directionName is the current name of a direction.
func (s *Server) directionName(code string) string {
	for _, d := range s.directions(context.Background()) {
		if d.Code == code {
			return d.Name
		}
	}
	return code
}

// page is what every page template gets.
type page struct {
	Title      string
	Actor      navigator.Actor
	Directions []navigator.Direction
	Query      string
	Demo       bool
	Data       any
}

// render writes a page; a failing template is a 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	p := page{Title: title, Actor: actorOf(r), Directions: s.directions(r.Context()), Query: r.URL.Query().Get("q"), Demo: s.cfg.Demo, Data: data}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, p); err != nil {
		s.log.ErrorContext(r.Context(), "render", slog.String("template", name), slog.Any("error", err))
		http.Error(w, "Внутренняя ошибка сервера", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageError shows an error as a page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.noteRefusal(r, err)
	kind := navigator.ErrorKind(err)
	status := statusOf[kind]
	if kind == navigator.KindInternal {
		s.log.ErrorContext(r.Context(), "page failed", slog.String("request_id", requestID(r.Context())), slog.Any("error", err))
	}
	s.render(w, r, status, "error.html", titles[status], map[string]string{"Message": navigator.ErrorMessage(err), "RequestID": requestID(r.Context())})
}

// withParam returns the current query with one parameter changed, for
// paging and filter links.
func withParam(q url.Values, key, value string) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	if value == "" {
		c.Del(key)
	} else {
		c.Set(key, value)
	}
	return "?" + c.Encode()
}

// roleTitle is the Russian name of the role that wrote an audit entry.
func roleTitle(r string) string {
	switch r {
	case "anonymous":
		return "Неизвестный"
	case "system":
		return "Система"
	}
	return navigator.Role(r).Title()
}
