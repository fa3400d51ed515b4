package server

import (
	"net/http"
)

// writePDF sends a PDF to be shown in the browser and printed.
func writePDF(w http.ResponseWriter, name string, pdf []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(pdf)
}

func (s *Server) apiAdminCertificatePDF(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	pdf, err := s.svc.CertificatePDF(r.Context(), actorOf(r), number)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writePDF(w, "certificate-"+number+".pdf", pdf)
}

func (s *Server) apiMyCertificatePDF(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	pdf, err := s.svc.MyCertificatePDF(r.Context(), actorOf(r), id)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	writePDF(w, "certificate.pdf", pdf)
}
