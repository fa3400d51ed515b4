package server

import (
	"net/http"
	"strconv"

	"navigator"
)

// officesView is «Где получить сертификат»: the region's summary and the
// offices of each municipality, or of the one chosen.
type officesView struct {
	Summary        []navigator.OfficeSummary
	Total          navigator.OfficeSummary
	Municipalities []municipalityOffices
	Chosen         int64
}

type municipalityOffices struct {
	Municipality navigator.Municipality
	Offices      []navigator.Organization
}

func (s *Server) pageOffices(w http.ResponseWriter, r *http.Request) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	offices, err := s.svc.CertificateOffices(r.Context(), navigator.OfficeFilter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := officesView{}
	v.Summary, v.Total = navigator.SummarizeOffices(ms, offices)
	v.Chosen, _ = strconv.ParseInt(r.URL.Query().Get("municipality_id"), 10, 64)
	for _, m := range ms {
		if v.Chosen != 0 && m.ID != v.Chosen {
			continue
		}
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

// apiOfficeSummary is the region's summary of certificate offices.
func (s *Server) apiOfficeSummary(w http.ResponseWriter, r *http.Request) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	offices, err := s.svc.CertificateOffices(r.Context(), navigator.OfficeFilter{})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	rows, total := navigator.SummarizeOffices(ms, offices)
	writeJSON(w, http.StatusOK, map[string]any{"items": rows, "total": len(rows),
		"region": map[string]int{"offices": total.Offices, "responsible_persons": total.Responsible}})
}
