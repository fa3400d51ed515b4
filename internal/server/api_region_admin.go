package server

import (
	"net/http"
	"strconv"
	"time"

	"navigator"
	"navigator/internal/httpjson"
	"navigator/internal/service"
)

func (s *Server) apiAddMunicipality(w http.ResponseWriter, r *http.Request) {
	var m navigator.Municipality
	if err := httpjson.Decode(r, &m); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	m.ID = 0
	if err := s.svc.AddMunicipality(r.Context(), actorOf(r), &m); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, m)
}

func (s *Server) apiPatchMunicipality(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	cur, err := s.svc.PublicMunicipality(r.Context(), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in struct {
		Code *string `json:"code"`
		Name *string `json:"name"`
	}
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if in.Code != nil {
		cur.Code = *in.Code
	}
	if in.Name != nil {
		cur.Name = *in.Name
	}
	if err := s.svc.UpdateMunicipality(r.Context(), actorOf(r), cur); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cur)
}

func (s *Server) apiAdminDirections(w http.ResponseWriter, r *http.Request) {
	ds, err := s.svc.Directions(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ds, "total": len(ds)})
}

func (s *Server) apiRenameDirection(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	if err := s.svc.RenameDirection(r.Context(), actorOf(r), r.PathValue("code"), in.Name); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.apiAdminDirections(w, r)
}

func (s *Server) apiPeriods(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.Periods(r.Context(), actorOf(r))
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(ps), "total": len(ps)})
}

// periodJSON is a period as the API takes it.
type periodJSON struct {
	Name              string         `json:"name"`
	StartsOn          navigator.Date `json:"starts_on"`
	EndsOn            navigator.Date `json:"ends_on"`
	EnrollmentOpensAt *time.Time     `json:"enrollment_opens_at"`
	EnrollmentEndsAt  *time.Time     `json:"enrollment_ends_at"`
}

func (s *Server) apiSavePeriod(w http.ResponseWriter, r *http.Request) {
	id, status, err := createOrReplace(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in periodJSON
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	p := &service.PeriodRow{ID: id, Name: in.Name, StartsOn: in.StartsOn, EndsOn: in.EndsOn,
		EnrollmentOpensAt: in.EnrollmentOpensAt, EnrollmentEndsAt: in.EnrollmentEndsAt}
	if err := s.svc.SavePeriod(r.Context(), actorOf(r), p); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, status, p)
}

func (s *Server) apiMunicipalitySettings(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	m, err := s.svc.MunicipalitySettings(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

// settingsJSON is what a PUT of a municipality's settings takes.
type settingsJSON struct {
	FinancingNominal          navigator.Money      `json:"financing_nominal"`
	FinancingQuota            int                  `json:"financing_quota"`
	BudgetLimit               int                  `json:"budget_limit"`
	FinancingToAccountingDays int                  `json:"financing_to_accounting_days"`
	ChildrenTotal             int                  `json:"children_total"`
	ContractOfferDays         int                  `json:"contract_offer_days"`
	SocialHours               navigator.Hours      `json:"social_hours"`
	SocialHoursByAge          []navigator.AgeHours `json:"social_hours_by_age"`
}

func (s *Server) apiPutMunicipalitySettings(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in settingsJSON
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	m, err := s.svc.SaveMunicipalitySettings(r.Context(), actorOf(r), service.MunicipalitySettings{MunicipalityID: id,
		FinancingNominal: in.FinancingNominal, FinancingQuota: in.FinancingQuota, BudgetLimit: in.BudgetLimit,
		FinancingToAccountingDays: in.FinancingToAccountingDays, ChildrenTotal: in.ChildrenTotal, ContractOfferDays: in.ContractOfferDays,
		SocialHours: in.SocialHours, SocialHoursByAge: in.SocialHoursByAge})
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *Server) apiOrganizations(w http.ResponseWriter, r *http.Request) {
	var mun int64
	if v := r.URL.Query().Get("municipality_id"); v != "" {
		var err error
		if mun, err = strconv.ParseInt(v, 10, 64); err != nil || mun < 1 {
			s.writeProblem(w, r, navigator.Invalid(navigator.FieldError{Field: "municipality_id", Code: "format", Message: "municipality_id — целое число."}))
			return
		}
	}
	os, err := s.svc.Organizations(r.Context(), actorOf(r), mun)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": os, "total": len(os)})
}

func (s *Server) apiOrganization(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	o, err := s.svc.Organization(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// organizationJSON is an organization as the API takes it.
type organizationJSON struct {
	MunicipalityID      int64              `json:"municipality_id"`
	Name                string             `json:"name"`
	ShortName           string             `json:"short_name"`
	Type                string             `json:"type"`
	INN                 string             `json:"inn"`
	Address             string             `json:"address"`
	Phone               string             `json:"phone"`
	Email               string             `json:"email"`
	Website             string             `json:"website"`
	Schedule            string             `json:"schedule"`
	IsProvider          bool               `json:"is_provider"`
	IsCertificateOffice bool               `json:"is_certificate_office"`
	Responsible         []navigator.Person `json:"responsible_persons"`
}

func (s *Server) apiSaveOrganization(w http.ResponseWriter, r *http.Request) {
	id, status, err := createOrReplace(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in organizationJSON
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	o := &navigator.Organization{ID: id, MunicipalityID: in.MunicipalityID, Name: in.Name, ShortName: in.ShortName, Type: in.Type,
		INN: in.INN, Address: in.Address, Phone: in.Phone, Email: in.Email, Website: in.Website, Schedule: in.Schedule,
		IsProvider: in.IsProvider, IsCertificateOffice: in.IsCertificateOffice, Responsible: in.Responsible}
	if err := s.svc.SaveOrganization(r.Context(), actorOf(r), o); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, status, o)
}

// createOrReplace reads the optional {id} of a route that creates (POST,
// no id: 201) or replaces (PUT with an id: 200).
func createOrReplace(r *http.Request) (int64, int, error) {
	id, err := optionalID(r)
	if id == 0 {
		return 0, http.StatusCreated, err
	}
	return id, http.StatusOK, err
}

// optionalID reads a path's {id} where the same handler serves a route
// with one (a change) and without (a new object): 0 when absent.
func optionalID(r *http.Request) (int64, error) {
	if r.PathValue("id") == "" {
		return 0, nil
	}
	return pathID(r, "id")
}
