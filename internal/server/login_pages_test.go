package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestSignInCodeInBrowser: the sign-in screen has no code
// field; an account with a second factor gets a screen with the code
// alone after a good password (no password typed twice), a wrong code is
// told next to the field on the same screen, and the right one signs in.
// A parent without a second factor signs in from the first screen.
func TestSignInCodeInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	ctx := browsertest.New(t)
	e := newEnv(t, store.SQLite)
	count := func(sel string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("`+sel+`").length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS("#email"))); err != nil {
		t.Fatal(err)
	}
	if count("#otp") != 0 {
		t.Fatal("the first screen asks for a code")
	}
	const staff = "operator@demo.example.ru"
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#email"), staff), chromedp.SendKeys(chromedp.CSS("#password"), "demo-operator-2026"),
		press("Войти"), chromedp.WaitVisible(chromedp.CSS("#otp"))); err != nil {
		t.Fatal(err)
	}
	if count("#password") != 0 || !strings.Contains(lookAt(t, ctx, "login-code"), staff) {
		t.Fatal("the code screen asks for the password again or does not say whose account it is")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#otp"), "000000"), press("Войти"), chromedp.WaitVisible(chromedp.CSS("#otp-error"))); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pageText(t, ctx), "Код не подошёл") || count("#password") != 0 {
		t.Fatal("a wrong code is not told on the code screen")
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#otp"), e.otp(t, staff)), press("Войти"), chromedp.WaitVisible(chromedp.CSS(".admin-main"))); err != nil {
		t.Fatal(err)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/admin") {
		t.Fatalf("after the code: %s", loc)
	}

	parent := browsertest.New(t)
	signIn(t, parent, e, familyOf01(t, e, 0), "demo-parent-2026")
	if loc, _ := chromedp.Run(parent, chromedp.Location()); !strings.Contains(loc, "/cabinet") {
		t.Fatalf("a parent without a second factor: %s", loc)
	}
}
