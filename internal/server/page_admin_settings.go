package server

import (
	"fmt"
	"net/http"
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

var settingsFields = []string{"financing_nominal", "financing_quota", "budget_limit", "financing_to_accounting_days", "children_total", "contract_offer_days", "social_hours"}

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
	if a.SeesWholeRegion() {
		return fmt.Sprintf("/admin/municipalities/%d/settings", id)
	}
	return "/admin/municipality-settings"
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
	status := http.StatusUnprocessableEntity
	if len(f.Errors) == 0 {
		_, err := s.svc.SaveMunicipalitySettings(r.Context(), a, in)
		if err == nil {
			http.Redirect(w, r, settingsPath(a, id)+"?done=settings_saved", http.StatusSeeOther)
			return
		}
		if !f.mistake(err) {
			s.pageError(w, r, err)
			return
		}
		status = statusOfForm(err)
	}
	s.renderSettings(w, r, status, f)
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
