package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTabsApartInBrowser: every test's tab is 360 pixels wide, and
// a cookie one test's tab was given is not sent from another's, though
// both are tabs of the one shared browser.
func TestTabsApartInBrowser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/set" {
			http.SetCookie(w, &http.Cookie{Name: "who", Value: "a", Path: "/"})
		}
		c, _ := r.Cookie("who")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if c != nil {
			w.Write([]byte("<p id=who>" + c.Value + "</p>"))
			return
		}
		w.Write([]byte("<p id=who>nobody</p>"))
	}))
	defer srv.Close()
	t.Cleanup(Close)
	a, b := New(t), New(t)
	if _, err := chromedp.Run(a, chromedp.Navigate(srv.URL+"/set")); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		tab  context.Context
		want string
	}{"the tab given it": {a, "a"}, "another test's tab": {b, "nobody"}} {
		if err := chromedp.Do(tc.tab, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		who, err := chromedp.Run(tc.tab, chromedp.Text(chromedp.CSS("#who")))
		if err != nil {
			t.Fatal(err)
		}
		if who != tc.want {
			t.Errorf("%s sends the cookie of %q, want %q", name, who, tc.want)
		}
		width, err := chromedp.Run(tc.tab, chromedp.Evaluate[int]("window.innerWidth"))
		if err != nil || width != 360 {
			t.Errorf("%s is %d pixels wide (%v), want 360", name, width, err)
		}
	}
}
