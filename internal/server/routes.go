package server

import (
	"io/fs"
	"net/http"
)

// routes registers every route of the site and the API.
func (s *Server) routes() {
	m := s.mux

	// Operations.
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /readyz", s.readyz)

	// API: public.
	m.HandleFunc("GET /api/v1/municipalities", s.apiMunicipalities)
	m.HandleFunc("GET /api/v1/directions", s.apiDirections)
	m.HandleFunc("GET /api/v1/programs", s.apiPrograms)
	m.HandleFunc("GET /api/v1/programs/{id}", s.apiProgram)
	m.HandleFunc("GET /api/v1/certificate-offices", s.apiCertificateOffices)

	// API: accounts.
	m.HandleFunc("POST /api/v1/auth/login", s.apiLogin)
	m.HandleFunc("POST /api/v1/auth/logout", s.apiLogout)
	m.HandleFunc("GET /api/v1/me", s.apiMe)

	// Unknown API paths and methods answer in problem+json.
	m.HandleFunc("/api/", s.apiFallback)

	// Pages.
	m.HandleFunc("GET /{$}", s.pageHome)
	m.HandleFunc("GET /programs", s.pagePrograms)
	m.HandleFunc("GET /programs/{id}", s.pageProgram)
	m.HandleFunc("GET /offices", s.pageOffices)
	m.HandleFunc("GET /login", s.pageLogin)
	m.HandleFunc("POST /login", s.pageLoginSubmit)
	m.HandleFunc("POST /logout", s.pageLogout)

	static, _ := fs.Sub(staticFiles, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
}
