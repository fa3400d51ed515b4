package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"navigator"
	"navigator/internal/service"
)

// settingsView is «Настройки муниципалитета»: the form and the figures
// its limits are checked against; without a municipality (the regional
// admin) the list of municipalities to choose from.
type settingsView struct {
	Municipality   *navigator.Municipality
	Settings       *service.MunicipalitySettings
	Form           *form
	Action         string
	Municipalities []navigator.Municipality
	Ceiling        navigator.Money // the region's bound on nominals
	CeilingForm    *form           // the regional admin's form for it
}

var settingsFields = []string{"financing_nominal", "financing_quota", "budget_limit", "financing_to_accounting_days", "children_total", "contract_offer_days", "social_hours",
	"age_from_0", "age_to_0", "age_hours_0", "age_from_1", "age_to_1", "age_hours_1", "age_from_2", "age_to_2", "age_hours_2"}

// ageRows is how many age ranges of a social certificate's volume the
// settings form offers.
const ageRows = 3

// settingsMunicipality is the municipality the page is about: the path's
// or the query's for the regional admin, the admin's own otherwise; 0
// asks the regional admin to choose.
func settingsMunicipality(r *http.Request) int64 {
	if id, err := strconv.ParseInt(r.PathValue("id"), 10, 64); err == nil {
		return id
	}
	a := actorOf(r)
	if a.SeesWholeRegion() {
		id, _ := strconv.ParseInt(r.URL.Query().Get("municipality_id"), 10, 64)
		return id
	}
	return a.MunicipalityID
}

// settingsPath is where the settings of a municipality live for the actor.
func settingsPath(a navigator.Actor, id int64) string {
	return municipalityPagePath(a, id, "settings", "/admin/municipality-settings")
}

// municipalityPagePath is where a page of a municipality lives for the
// actor: under /admin/municipalities/{id}/ for the regional admin, at its
// own path for the municipality's admin.
func municipalityPagePath(a navigator.Actor, id int64, page, own string) string {
	if a.SeesWholeRegion() {
		return fmt.Sprintf("/admin/municipalities/%d/%s", id, page)
	}
	return own
}

func (s *Server) pageMunicipalitySettings(w http.ResponseWriter, r *http.Request) {
	s.renderSettings(w, r, http.StatusOK, nil)
}

func (s *Server) renderSettings(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx, a := r.Context(), actorOf(r)
	id := settingsMunicipality(r)
	if id == 0 && a.SeesWholeRegion() {
		s.renderRegionSettings(w, r, status, nil)
		return
	}
	st, err := s.svc.MunicipalitySettings(ctx, a, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, err := s.svc.PublicMunicipality(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
		f.Values = map[string]string{"financing_nominal": moneyInput(st.FinancingNominal),
			"financing_quota": strconv.Itoa(st.FinancingQuota), "budget_limit": strconv.Itoa(st.BudgetLimit),
			"financing_to_accounting_days": strconv.Itoa(st.FinancingToAccountingDays), "children_total": strconv.Itoa(st.ChildrenTotal),
			"contract_offer_days": strconv.Itoa(st.ContractOfferDays), "social_hours": st.SocialHours.Amount()}
		for i, a := range st.SocialHoursByAge {
			if i < ageRows {
				n := strconv.Itoa(i)
				f.Values["age_from_"+n], f.Values["age_to_"+n], f.Values["age_hours_"+n] = strconv.Itoa(a.AgeFrom), strconv.Itoa(a.AgeTo), a.Hours.Amount()
			}
		}
	}
	s.renderAdmin(w, r, status, "admin_settings.html", "Настройки муниципалитета",
		settingsView{Municipality: m, Settings: st, Form: f, Action: settingsPath(a, id)})
}

func (s *Server) pageSaveMunicipalitySettings(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	id := settingsMunicipality(r)
	f := formFrom(r, settingsFields...)
	in := service.MunicipalitySettings{MunicipalityID: id, FinancingNominal: f.money("financing_nominal"),
		FinancingQuota: f.number("financing_quota"), BudgetLimit: f.number("budget_limit"),
		FinancingToAccountingDays: f.number("financing_to_accounting_days"), ChildrenTotal: f.number("children_total"),
		ContractOfferDays: f.number("contract_offer_days")}
	if v := f.Values["social_hours"]; v != "" {
		h, err := navigator.ParseHours(v)
		if err != nil {
			f.Errors["social_hours"] = navigator.ErrorMessage(err)
		}
		in.SocialHours = h
	}
	in.SocialHoursByAge = ageHoursOf(f)
	status := http.StatusUnprocessableEntity
	if len(f.Errors) == 0 {
		_, err := s.svc.SaveMunicipalitySettings(r.Context(), a, in)
		if err == nil {
			http.Redirect(w, r, settingsPath(a, id)+"?done=settings_saved", http.StatusSeeOther)
			return
		}
		err = renameFields(err, ageField)
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		status = statusOfForm(err)
	}
	s.renderSettings(w, r, status, f)
}

var ageFieldRe = regexp.MustCompile(`^social_hours_by_age\[(\d+)\]\.(age_from|age_to|hours)$`)

// ageField is the form's name of the API's social_hours_by_age[i].x.
func ageField(name string) string {
	m := ageFieldRe.FindStringSubmatch(name)
	if m == nil {
		return name
	}
	if m[2] == "hours" {
		return "age_hours_" + m[1]
	}
	return m[2] + "_" + m[1]
}

// ageHoursOf reads the form's age ranges: a row left empty is none; the
// store's field names are the form's.
func ageHoursOf(f *form) []navigator.AgeHours {
	out := []navigator.AgeHours{}
	for i := range ageRows {
		n := strconv.Itoa(i)
		if f.Values["age_from_"+n] == "" && f.Values["age_to_"+n] == "" && f.Values["age_hours_"+n] == "" {
			continue
		}
		a := navigator.AgeHours{AgeFrom: f.number("age_from_" + n), AgeTo: f.number("age_to_" + n)}
		h, err := navigator.ParseHours(f.Values["age_hours_"+n])
		if err != nil {
			f.Errors["age_hours_"+n] = navigator.ErrorMessage(err)
		}
		a.Hours = h
		out = append(out, a)
	}
	return out
}

// renderRegionSettings is the regional admin's choice of a municipality,
// with the ceiling on every municipality's nominal.
func (s *Server) renderRegionSettings(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx, a := r.Context(), actorOf(r)
	ms, err := s.svc.PublicMunicipalities(ctx)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, err := s.svc.NominalCeiling(ctx, a)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = newForm()
		f.Values = map[string]string{"financing_nominal_ceiling": moneyInput(c)}
	}
	s.renderAdmin(w, r, status, "admin_settings.html", "Настройки муниципалитета",
		settingsView{Municipalities: ms, Ceiling: c, CeilingForm: f})
}

// pageSaveNominalCeiling saves the ceiling the regional admin set.
func (s *Server) pageSaveNominalCeiling(w http.ResponseWriter, r *http.Request) {
	f := formFrom(r, "financing_nominal_ceiling")
	c := f.money("financing_nominal_ceiling")
	if len(f.Errors) == 0 {
		err := s.svc.SetNominalCeiling(r.Context(), actorOf(r), &c)
		if err == nil {
			http.Redirect(w, r, "/admin/municipality-settings?done=ceiling_saved", http.StatusSeeOther)
			return
		}
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
	}
	s.renderRegionSettings(w, r, http.StatusUnprocessableEntity, f)
}
