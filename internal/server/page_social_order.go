package server

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"navigator"
)

// The pages of the municipal social order (189-ФЗ): the public one of
// each municipality and year, and the municipal admin's form.

// orderRow is a direction of the order as the pages show it.
type orderRow struct {
	Code, Name string
	Line       navigator.SocialOrderLine
	Ordered    bool // the direction is in the order
}

// orderView is a municipality's order for a year.
type orderView struct {
	Municipalities []navigator.Municipality
	Chosen         navigator.Municipality
	Year           int
	Years          []int
	Order          *navigator.SocialOrder
	Rows           []orderRow
	Totals         navigator.SocialOrderTotals
	Form           *form
	Action         string
	Regimes        []navigator.Regime
	Methods        []navigator.OrderMethod
}

// orderRows lays the order's lines out over the seven directions.
func orderRows(o *navigator.SocialOrder) []orderRow {
	rows := make([]orderRow, 0, len(navigator.Directions))
	for _, d := range navigator.Directions {
		l, ok := o.Line(d.Code)
		rows = append(rows, orderRow{Code: d.Code, Name: d.Name, Line: l, Ordered: ok})
	}
	return rows
}

// orderYear is the ?year= asked, this year by default; years are this
// year, the one before and the two after.
func orderYear(r *http.Request, today navigator.Date) (int, []int) {
	now := today.Time().Year()
	years := []int{now - 1, now, now + 1, now + 2}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		for _, v := range years {
			if v == y {
				return y, years
			}
		}
	}
	return now, years
}

// pagePublicSocialOrder is «Социальный заказ»: what a municipality orders
// per direction for a year and how much of it is already taken.
func (s *Server) pagePublicSocialOrder(w http.ResponseWriter, r *http.Request) {
	ms, err := s.svc.PublicMunicipalities(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := orderView{Municipalities: ms}
	v.Year, v.Years = orderYear(r, s.svc.Today())
	chosen, _ := strconv.ParseInt(r.URL.Query().Get("municipality_id"), 10, 64)
	for _, m := range ms {
		if m.ID == chosen {
			v.Chosen = m
		}
	}
	title := "Социальный заказ"
	if v.Chosen.ID != 0 {
		if v.Order, err = s.svc.SocialOrder(r.Context(), v.Chosen.ID, v.Year); err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Rows, v.Totals = orderRows(v.Order), v.Order.Sum()
		title += ": " + v.Chosen.Name
	}
	s.render(w, r, http.StatusOK, "social_order.html", title, v)
}

// orderPath is where the actor edits a municipality's order.
func orderPath(a navigator.Actor, id int64) string {
	return municipalityPagePath(a, id, "social-order", "/admin/social-order")
}

func (s *Server) pageAdminSocialOrder(w http.ResponseWriter, r *http.Request) {
	s.renderAdminSocialOrder(w, r, http.StatusOK, nil)
}

func (s *Server) renderAdminSocialOrder(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx, a := r.Context(), actorOf(r)
	id := settingsMunicipality(r)
	v := orderView{Regimes: []navigator.Regime{navigator.RegimePFDO, navigator.RegimeSocial},
		Methods: []navigator.OrderMethod{navigator.MethodCertificate, navigator.MethodAssignment}}
	v.Year, v.Years = orderYear(r, s.svc.Today())
	if id == 0 {
		ms, err := s.svc.PublicMunicipalities(ctx)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.Municipalities = ms
		s.renderAdmin(w, r, status, "admin_social_order.html", "Социальный заказ", v)
		return
	}
	if _, err := s.svc.MunicipalitySettings(ctx, a, id); err != nil { // the scope
		s.pageError(w, r, err)
		return
	}
	m, err := s.svc.PublicMunicipality(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	o, err := s.svc.SocialOrder(ctx, id, v.Year)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Chosen, v.Order, v.Rows, v.Totals, v.Action = *m, o, orderRows(o), o.Sum(), orderPath(a, id)
	if f == nil {
		f = newForm()
		f.Values["regime"] = string(o.Regime)
		for _, row := range v.Rows {
			if row.Ordered {
				f.Values["d_"+row.Code+"_method"] = string(row.Line.Method)
				f.Values["d_"+row.Code+"_hours"] = row.Line.Hours.Amount()
				f.Values["d_"+row.Code+"_children"] = strconv.Itoa(row.Line.Children)
				f.Values["d_"+row.Code+"_cost"] = moneyInput(row.Line.HourCost)
			}
		}
	}
	v.Form = f
	s.renderAdmin(w, r, status, "admin_social_order.html", "Социальный заказ", v)
}

// orderFields are the form's fields.
func orderFields() []string {
	names := []string{"regime", "year"}
	for _, d := range navigator.Directions {
		names = append(names, "d_"+d.Code+"_method", "d_"+d.Code+"_hours", "d_"+d.Code+"_children", "d_"+d.Code+"_cost")
	}
	return names
}

func (s *Server) pageSaveSocialOrder(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	id := settingsMunicipality(r)
	f := formFrom(r, orderFields()...)
	year, _ := strconv.Atoi(f.Values["year"])
	o := navigator.SocialOrder{MunicipalityID: id, Year: year, Regime: navigator.Regime(f.Values["regime"])}
	var sent []string // the directions in the order they are sent
	for _, d := range navigator.Directions {
		p := "d_" + d.Code + "_"
		method := navigator.OrderMethod(f.Values[p+"method"])
		if method == "" {
			continue
		}
		l := navigator.SocialOrderLine{Direction: d.Code, Method: method, Children: f.number(p + "children"), HourCost: f.money(p + "cost")}
		if v := f.Values[p+"hours"]; v != "" {
			h, err := navigator.ParseHours(v)
			if err != nil {
				f.Errors[p+"hours"] = navigator.ErrorMessage(err)
			}
			l.Hours = h
		}
		o.Directions = append(o.Directions, l)
		sent = append(sent, d.Code)
	}
	status := http.StatusUnprocessableEntity
	q := r.URL.Query()
	q.Set("year", strconv.Itoa(year))
	r.URL.RawQuery = q.Encode()
	if len(f.Errors) == 0 {
		_, err := s.svc.PutSocialOrder(r.Context(), a, o)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("%s?year=%d&done=saved", orderPath(a, id), year), http.StatusSeeOther)
			return
		}
		if !f.mistake(orderFieldNames(err, sent)) {
			s.pageError(w, r, err)
			return
		}
		status = statusOfForm(err)
	}
	s.renderAdminSocialOrder(w, r, status, f)
}

var lineField = regexp.MustCompile(`^directions\[(\d+)\]\.(\w+)$`)

// orderFieldNames renames the fields of an order's error from the API's
// directions[i].hours to the form's d_<direction>_hours.
func orderFieldNames(err error, sent []string) error {
	return renameFields(err, func(name string) string {
		if name == "directions" {
			return "regime"
		}
		m := lineField.FindStringSubmatch(name)
		if m == nil {
			return name
		}
		k, _ := strconv.Atoi(m[1])
		if k >= len(sent) {
			return name
		}
		switch m[2] {
		case "hour_cost":
			return "d_" + sent[k] + "_cost"
		case "direction":
			return "d_" + sent[k] + "_method"
		}
		return "d_" + sent[k] + "_" + m[2]
	})
}
