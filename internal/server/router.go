package server

import "net/http"

// router registers routes on the mux and remembers their patterns, so
// that tests can hold every route against their tables (the scope matrix
// fails on a route it does not know).
type router struct {
	mux      *http.ServeMux
	patterns *[]string
}

func (r router) HandleFunc(pattern string, h http.HandlerFunc) {
	*r.patterns = append(*r.patterns, pattern)
	r.mux.HandleFunc(pattern, h)
}

func (r router) Handle(pattern string, h http.Handler) {
	*r.patterns = append(*r.patterns, pattern)
	r.mux.Handle(pattern, h)
}

// Patterns returns the patterns of every route, in the order routes.go
// registers them.
func (s *Server) Patterns() []string { return append([]string(nil), s.patterns...) }
