package server

import (
	"net/http"
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
	pg := pagingOf(r, registryPerPage)
	query := strings.TrimSpace(q.Get("q"))
	f := navigator.ProgramFilter{Registry: reg, MunicipalityID: mun, Query: query, Page: pg.Page, PerPage: pg.PerPage}
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
	p := newPager("/admin/registries", withoutPage(q), pg, list.Total)
	v.Prev, v.Next = p.Prev, p.Next
	s.renderAdmin(w, r, http.StatusOK, "admin_registries.html", "Реестры программ", v)
}
