package server_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestPhoneMaskInBrowser types a phone into the registration form key by
// key, in every way people write one, and checks the mask ends on the
// same number; erasing goes back through the brackets and dashes.
func TestPhoneMaskInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/register"), chromedp.WaitVisible(chromedp.CSS("#f-phone"))); err != nil {
		t.Fatal(err)
	}
	const want = "+7 (913) 123-45-67"
	for _, typed := range []string{"9131234567", "89131234567", "79131234567", "+79131234567", "+7 913 123-45-67",
		"+7 (913) 123-45-67", "8 (913) 123 45 67", "+7 913 1234567 99"} {
		if err := chromedp.Do(ctx, chromedp.Clear(chromedp.CSS("#f-phone")), chromedp.SendKeys(chromedp.CSS("#f-phone"), typed)); err != nil {
			t.Fatal(err)
		}
		if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-phone"))); got != want {
			t.Errorf("typed %q key by key, the field shows %q, want %q", typed, got, want)
		}
	}
	// Erase back to the code: every Backspace removes one character,
	// none is put back.
	erase := ""
	for range len("123-45-67") + 2 {
		erase += kb.Backspace
	}
	if err := chromedp.Do(ctx, chromedp.Clear(chromedp.CSS("#f-phone")), chromedp.SendKeys(chromedp.CSS("#f-phone"), "9131234567"+erase)); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-phone"))); got != "+7 (913" {
		t.Errorf("after erasing to the code the field shows %q, want +7 (913", got)
	}
}
