package server

import "net/http"

// pageAgreements lists the agreements by social certificate in scope.
func (s *Server) pageAgreements(w http.ResponseWriter, r *http.Request) {
	list, err := s.svc.Agreements(r.Context(), actorOf(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_agreements.html", "Соглашения по социальным сертификатам", list)
}

// pageAgreement is one agreement's card.
func (s *Server) pageAgreement(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	g, err := s.svc.Agreement(r.Context(), actorOf(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderAdmin(w, r, http.StatusOK, "admin_agreement.html", "Соглашение № "+g.Number, g)
}
