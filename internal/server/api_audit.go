package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"navigator"
	"navigator/internal/service"
)

// auditFilter reads the audit viewer's filter: subject=child:{id} (or any
// kind:id), action, actor=role[:id], from, to (dates, inclusive), page,
// per_page.
func auditFilter(q url.Values) (service.AuditFilter, error) {
	var f navigator.Fields
	af := service.AuditFilter{Action: strings.TrimSpace(q.Get("action")), Person: strings.TrimSpace(q.Get("person"))}
	if len([]rune(af.Person)) > 100 {
		f.Add("person", "length", "Имя — не длиннее 100 знаков.")
	}
	if v := q.Get("subject"); v != "" {
		kind, idText, ok := strings.Cut(v, ":")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil || kind == "" {
			f.Add("subject", "format", "Параметр subject — вид:номер, например child:12 или site_user:5.")
		}
		af.SubjectKind, af.SubjectID = kind, id
	}
	if v := q.Get("actor"); v != "" {
		role, idText, _ := strings.Cut(v, ":")
		af.ActorRole = role
		if idText != "" {
			id, err := strconv.ParseInt(idText, 10, 64)
			if err != nil {
				f.Add("actor", "format", "Параметр actor — роль или роль:номер, например operator:3.")
			}
			af.ActorID = id
		}
	}
	for _, name := range []string{"from", "to"} {
		if v := q.Get(name); v != "" {
			d, err := navigator.ParseDate(v)
			if err != nil {
				f.Add(name, "format", "Дата — в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД.")
				continue
			}
			t := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 0, 0, 0, 0, navigator.Zone)
			if name == "from" {
				af.From = t
			} else {
				af.To = t.AddDate(0, 0, 1)
			}
		}
	}
	page, _ := strconv.Atoi(q.Get("page"))
	perPage, _ := strconv.Atoi(q.Get("per_page"))
	p := navigator.PageOf(page, perPage, service.AuditPerPage)
	af.Page, af.PerPage = p.Page, p.PerPage
	return af, f.Err()
}

// apiAudit is the audit viewer: who saw or changed whose data, sign-ins
// and refusals. The regional admin reads the region's, a municipal admin
// their municipality's.
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	f, err := auditFilter(r.URL.Query())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	entries, total, err := s.svc.SearchAudit(r.Context(), actorOf(r), f)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": entries, "total": total, "page": f.Page, "per_page": f.PerPage})
}
