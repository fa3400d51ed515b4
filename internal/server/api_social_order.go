package server

import (
	"net/http"

	"navigator"
	"navigator/internal/httpjson"
)

// apiSocialOrder is the public social order of a municipality for ?year=
// (this year when none).
func (s *Server) apiSocialOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var f navigator.Fields
	year := queryInt(r, "year", &f)
	if err := f.Err(); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	o, err := s.svc.SocialOrder(r.Context(), id, year)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// socialOrderJSON is what a PUT of the social order takes: the figures
// already taken are the system's, not the admin's.
type socialOrderJSON struct {
	Year       int              `json:"year"`
	Regime     navigator.Regime `json:"regime"`
	Directions []struct {
		Direction string                `json:"direction"`
		Method    navigator.OrderMethod `json:"method"`
		Hours     navigator.Hours       `json:"hours"`
		Children  int                   `json:"children"`
		HourCost  navigator.Money       `json:"hour_cost"`
	} `json:"directions"`
}

func (s *Server) apiPutSocialOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	var in socialOrderJSON
	if err := httpjson.Decode(r, &in); err != nil {
		s.writeProblem(w, r, err)
		return
	}
	o := navigator.SocialOrder{MunicipalityID: id, Year: in.Year, Regime: in.Regime}
	for _, l := range in.Directions {
		o.Directions = append(o.Directions, navigator.SocialOrderLine{Direction: l.Direction, Method: l.Method, Hours: l.Hours, Children: l.Children, HourCost: l.HourCost})
	}
	out, err := s.svc.PutSocialOrder(r.Context(), actorOf(r), o)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
