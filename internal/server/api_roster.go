package server

import (
	"net/http"
	"strconv"

	"navigator"
	"navigator/internal/export"
)

// apiRoster is a group's roster as CSV or XLSX (?format=xlsx) for its
// provider: name, age, certificate type and status — never a СНИЛС.
func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		s.writeProblem(w, r, &navigator.Error{Kind: navigator.KindMalformed, Message: "Формат — csv или xlsx."})
		return
	}
	name, rows, err := s.svc.Roster(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	t := export.Table{Title: name, Header: []string{"№", "ФИО ребёнка", "Дата рождения", "Возраст", "Сертификат", "Статус заявки", "Заявка подана",
		"Родитель", "Телефон родителя", "E-mail родителя"}}
	for i, a := range rows {
		cert := "нет"
		if a.CertificateType != "" {
			cert = a.CertificateType.Title()
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), a.ChildName, a.BirthDate.Russian(), strconv.Itoa(a.Age), cert,
			navigator.ApplicationStatus(a.Status).Title(), a.CreatedAt.In(navigator.Zone).Format("02.01.2006 15:04"),
			a.ParentName, navigator.FormatPhone(a.ParentPhone), a.ParentEmail})
	}
	var body []byte
	ctype := "text/csv; charset=utf-8"
	if format == "xlsx" {
		body, err = export.XLSX(t)
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	} else {
		body, err = export.CSV(t)
	}
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="roster-`+strconv.FormatInt(id, 10)+"."+format+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}
