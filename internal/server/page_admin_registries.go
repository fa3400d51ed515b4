package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"navigator"
)

// registriesView is «Реестры программ»: one registry's published
// programs, page by page.
type registriesView struct {
	Registry       navigator.Registry
	Registries     []navigator.Registry
	Page           *navigator.ProgramPage
	Municipalities []navigator.Municipality // the regional admin's filter
	MunicipalityID int64
	Query          string
	Prev, Next     string
}

const registryPerPage = 50

func (s *Server) pageRegistries(w http.ResponseWriter, r *http.Request) {
	ctx, a, q := r.Context(), actorOf(r), r.URL.Query()
	reg := navigator.Registry(q.Get("registry"))
	if reg == "" {
		reg = navigator.RegistryCertified
	}
	mun, _ := strconv.ParseInt(q.Get("municipality_id"), 10, 64)
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	query := strings.TrimSpace(q.Get("q"))
	f := navigator.ProgramFilter{Registry: reg, MunicipalityID: mun, Query: query, Page: page, PerPage: registryPerPage}
	if query != "" {
		f.Sort = navigator.SortRelevance
	}
	list, err := s.svc.RegistryPrograms(ctx, a, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := registriesView{Registry: reg, Page: list, MunicipalityID: mun, Query: query,
		Registries: []navigator.Registry{navigator.RegistryCertified, navigator.RegistryBudget, navigator.RegistryPaid}}
	if a.SeesWholeRegion() {
		if v.Municipalities, err = s.svc.PublicMunicipalities(ctx); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	v.Prev, v.Next = pageLinks(q, page, list.Total, registryPerPage)
	s.renderAdmin(w, r, http.StatusOK, "admin_registries.html", "Реестры программ", v)
}

// pageLinks are the «назад» and «дальше» links of a paged list ("" where
// there is no such page).
func pageLinks(q url.Values, page, total, perPage int) (prev, next string) {
	if page > 1 {
		prev = withParam(q, "page", strconv.Itoa(page-1))
	}
	if page*perPage < total {
		next = withParam(q, "page", strconv.Itoa(page+1))
	}
	return prev, next
}
