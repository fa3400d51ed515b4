package server_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestHomePageInBrowser opens the home page on a phone-sized screen, checks
// the seven directions and searches as a parent would, by typing and
// pressing the button.
func TestHomePageInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)

	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || title != "Навигатор дополнительного образования" {
		t.Fatalf("title %q, %v", title, err)
	}
	nav, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("nav.directions")))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"СОЦИАЛЬНО-ПЕДАГОГИЧЕСКАЯ", "ЕСТЕСТВЕННО-НАУЧНАЯ", "ХУДОЖЕСТВЕННАЯ", "ФИЗКУЛЬТУРНО-СПОРТИВНАЯ", "ТУРИСТСКО-КРАЕВЕДЧЕСКАЯ", "ТЕХНИЧЕСКАЯ", "ДРУГАЯ"} {
		if !strings.Contains(nav, d) {
			t.Errorf("directions menu lacks %s: %q", d, nav)
		}
	}
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
		_ = os.WriteFile(filepath.Join(t.TempDir(), "home.jpg"), shot, 0o600)
	}

	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#q"), "шахматам"),
		chromedp.Click(chromedp.CSS("form.search button")),
		chromedp.WaitVisible(chromedp.CSS("#count")),
	); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	u, _ := url.Parse(loc)
	if u.Path != "/programs" || u.Query().Get("q") != "шахматам" {
		t.Errorf("search went to %s", loc)
	}
	count, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#count")))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^Найдено: \d+ программ(а|ы)?$`).MatchString(strings.TrimSpace(count)) {
		t.Errorf("count line %q", count)
	}
	first, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".card h3")))
	if err != nil || !strings.Contains(strings.ToLower(first), "шахмат") {
		t.Errorf("first result %q, %v", first, err)
	}

	// The direction tile leads to that direction's programs.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/"), chromedp.Click(chromedp.CSS("a.tile-sport")), chromedp.WaitVisible(chromedp.CSS("#count"))); err != nil {
		t.Fatal(err)
	}
	heading, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`select[name="direction"]`)))
	if heading != "sport" {
		t.Errorf("direction filter %q, want sport", heading)
	}
}
