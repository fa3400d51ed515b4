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

// fromCache answers a request that carries no credentials from the page
// cache when a fresh answer is kept, before the admission gate and
// everything behind it: such a hit costs no database work, so it is not
// made to queue or be shed with the requests that do. A request with a
// session cookie or a token goes the whole way, since its page may be
// its own.
func (s *Server) fromCache(next http.Handler) http.Handler {
	if s.catalog == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && !hasCookie(r, sessionCookie) {
			if h, pattern := s.catalog.Fresh(r); h != nil {
				if info := infoOf(r.Context()); info != nil {
					info.route = pattern
				}
				securityHeaders(h).ServeHTTP(w, r)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}
