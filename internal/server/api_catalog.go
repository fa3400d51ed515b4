package server

import (
	"net/http"
	"strconv"

	"navigator"
)

func (s *Server) apiMunicipalities(w http.ResponseWriter, r *http.Request) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	type item struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Code string `json:"code"`
	}
	out := make([]item, len(ms))
	for i, m := range ms {
		out[i] = item{m.ID, m.Name, m.Code}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiDirections(w http.ResponseWriter, r *http.Request) {
	ds, err := s.svc.PublicDirections(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ds)
}

// programFilter reads the catalog's query parameters; pages and the API
// share it.
func programFilter(r *http.Request) (navigator.ProgramFilter, error) {
	q := r.URL.Query()
	var bad navigator.Fields
	f := navigator.ProgramFilter{
		Query:          q.Get("q"),
		Direction:      q.Get("direction"),
		MunicipalityID: int64(queryInt(r, "municipality_id", &bad)),
		Age:            queryInt(r, "age", &bad),
		Registry:       navigator.Registry(q.Get("registry")),
		FormOfStudy:    navigator.FormOfStudy(q.Get("form_of_study")),
		Sort:           navigator.ProgramSort(q.Get("sort")),
		Page:           queryInt(r, "page", &bad),
		PerPage:        queryInt(r, "per_page", &bad),
	}
	f.Free = queryBool(r, "free", &bad)
	f.OVZ = queryBool(r, "ovz", &bad)
	if len(bad) > 0 {
		return f, &navigator.Error{Kind: navigator.KindMalformed, Message: bad[0].Message, Fields: bad}
	}
	return f, nil
}

func queryBool(r *http.Request, name string, fields *navigator.Fields) bool {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		if v == "on" {
			return true
		}
		fields.Add(name, "format", "Параметр «"+name+"» должен быть true или false.")
	}
	return b
}

func (s *Server) apiPrograms(w http.ResponseWriter, r *http.Request) {
	f, err := programFilter(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	page, err := s.svc.ListPrograms(r.Context(), f)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) apiProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	p, err := s.svc.PublicProgram(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiCertificateOffices(w http.ResponseWriter, r *http.Request) {
	var bad navigator.Fields
	f := navigator.OfficeFilter{MunicipalityID: int64(queryInt(r, "municipality_id", &bad))}
	if len(bad) > 0 {
		s.writeProblem(w, r, &navigator.Error{Kind: navigator.KindMalformed, Message: bad[0].Message, Fields: bad})
		return
	}
	offices, err := s.svc.CertificateOffices(r.Context(), f)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, offices)
}
