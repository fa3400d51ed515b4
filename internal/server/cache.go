package server

import "net/http"

// cached serves a public catalog route from the page cache to visitors
// who are not signed in: their answer depends on the path and query
// alone. A signed-in person's page (their children, their municipality,
// what they would pay) is rendered for them every time.
func (s *Server) cached(h http.HandlerFunc) http.Handler {
	if s.catalog == nil {
		return h
	}
	return s.catalog.Wrap(func(r *http.Request) bool { return actorOf(r).Role == "" }, h)
}
