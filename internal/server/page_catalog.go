package server

import (
	"net/http"
	"strconv"

	"navigator"
)

// pageHome is the portal's home page: the seven directions and the search.
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	page, err := s.db.ListPrograms(r.Context(), navigator.ProgramFilter{Sort: navigator.SortNewest, PerPage: 6})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", "Навигатор дополнительного образования", page)
}

// catalogView is the catalog page's data.
type catalogView struct {
	Filter         navigator.ProgramFilter
	Page           *navigator.ProgramPage
	Municipalities []navigator.Municipality
	Prev, Next     string
	Pages          int
	Error          string
}

func (s *Server) pagePrograms(w http.ResponseWriter, r *http.Request) {
	ms, err := s.db.Municipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := catalogView{Municipalities: ms, Page: &navigator.ProgramPage{}}
	f, err := programFilter(r)
	if err == nil {
		f.Normalize()
		v.Page, err = s.db.ListPrograms(r.Context(), f)
	}
	v.Filter = f
	status := http.StatusOK
	if err != nil {
		if k := navigator.ErrorKind(err); k != navigator.KindInvalid && k != navigator.KindMalformed {
			s.pageError(w, r, err)
			return
		}
		v.Error, v.Page, status = navigator.ErrorMessage(err), &navigator.ProgramPage{}, http.StatusBadRequest
	}
	v.Pages = (v.Page.Total + f.PerPage - 1) / max(f.PerPage, 1)
	q := r.URL.Query()
	if f.Page > 1 {
		v.Prev = withParam(q, "page", strconv.Itoa(f.Page-1))
	}
	if f.Page < v.Pages {
		v.Next = withParam(q, "page", strconv.Itoa(f.Page+1))
	}
	title := "Каталог программ"
	if f.Query != "" {
		title = "Поиск: " + f.Query
	}
	s.render(w, r, status, "programs.html", title, v)
}

func (s *Server) pageProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.db.Program(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "program.html", p.Title, p)
}

// officesView groups certificate offices by municipality.
type officesView struct {
	Municipalities []municipalityOffices
}

type municipalityOffices struct {
	Municipality navigator.Municipality
	Offices      []navigator.Organization
}

func (s *Server) pageOffices(w http.ResponseWriter, r *http.Request) {
	ms, err := s.db.Municipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	offices, err := s.db.CertificateOffices(r.Context(), navigator.OfficeFilter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var v officesView
	for _, m := range ms {
		mo := municipalityOffices{Municipality: m}
		for _, o := range offices {
			if o.MunicipalityID == m.ID {
				mo.Offices = append(mo.Offices, o)
			}
		}
		v.Municipalities = append(v.Municipalities, mo)
	}
	s.render(w, r, http.StatusOK, "offices.html", "Где получить сертификат", v)
}
