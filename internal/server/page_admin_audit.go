package server

import (
	"net/http"
	"sort"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// auditView is «Журнал аудита»: the filter as typed, a page of entries
// and the links to the pages around it.
type auditView struct {
	Form       *form
	Entries    []auditRow
	Total      int
	Actions    []auditAction
	Prev, Next string
}

type auditAction struct{ Code, Title string }

func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := newForm()
	for _, name := range []string{"action", "person", "actor", "from", "to"} {
		f.Values[name] = q.Get(name)
	}
	v := auditView{Form: f, Actions: auditActions()}
	af, err := auditFilter(q)
	status := http.StatusOK
	if err != nil {
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		status = http.StatusUnprocessableEntity
		af = service.AuditFilter{Page: 1, PerPage: service.AuditPerPage} // the whole log, while the filter is mended
	}
	entries, total, err := s.svc.SearchAudit(r.Context(), actorOf(r), af)
	if err == nil {
		v.Total = total
		v.Entries, err = s.auditRows(r, entries)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := newPager("/admin/audit", withoutPage(q), navigator.Paging{Page: af.Page, PerPage: af.PerPage}, v.Total)
	v.Prev, v.Next = pg.Prev, pg.Next
	s.renderAdmin(w, r, status, "admin_audit.html", "Журнал аудита", v)
}

// auditActions are the actions to filter by, in Russian alphabetical order.
func auditActions() []auditAction {
	out := make([]auditAction, 0, len(actionTitles))
	for code, title := range actionTitles {
		out = append(out, auditAction{code, title})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

// subjectKinds name in Russian what an audit entry is about.
var subjectKinds = map[string]string{
	"site_user": "Пользователь сайта", "child": "Ребёнок", "certificate": "Сертификат", "staff": "Сотрудник",
	"organization": "Организация", "municipality": "Муниципалитет", "program": "Программа", "group": "Группа",
	"application": "Заявка", "period": "Период", "direction": "Направленность",
}

// subjectKind is the Russian name of a subject kind, or the code itself.
func subjectKind(kind string) string {
	if t, ok := subjectKinds[kind]; ok {
		return t
	}
	return kind
}

// auditSubjectLink is where an audit subject's card is, if it has one.
func auditSubjectLink(kind string, id int64) string {
	if id == 0 {
		return ""
	}
	switch kind {
	case "site_user":
		return "/admin/site-users/" + strconv.FormatInt(id, 10)
	case "child":
		return "/admin/children/" + strconv.FormatInt(id, 10)
	case "staff":
		return "/admin/staff/" + strconv.FormatInt(id, 10)
	case "organization":
		return "/admin/organizations/" + strconv.FormatInt(id, 10)
	case "period":
		return "/admin/periods/" + strconv.FormatInt(id, 10)
	}
	return ""
}
