package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"navigator/internal/browsertest"
	"navigator/internal/store"
)

// TestSocialCertificateInBrowser walks the social certificate as its
// people do, on a phone and on a desktop: the municipal admin of Тарский
// район opens «Социальный заказ» from the menu, types a volume that is not
// a number and is told so beside the field with the text kept, then
// publishes a new volume and sees it; the public order linked from the
// footer shows it; a parent there reads, on a phone, the certificate in
// hours on the child's card and, on a program page, what the certificate
// pays for the hours and what the family pays beyond.
func TestSocialCertificateInBrowser(t *testing.T) {
	t.Parallel()
	browsertest.Require(t)
	e := newEnv(t, store.SQLite)
	email, childID, groupID, _, direction := socialFamily(t, e)
	var programID int64
	if err := e.db.View(t.Context(), func(tx *store.Tx) error {
		return tx.QueryRow(t.Context(), "SELECT program_id FROM groups WHERE id = ?", groupID).Scan(&programID)
	}); err != nil {
		t.Fatal(err)
	}
	for i, width := range []int64{360, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			shot := func(what string) string { return fmt.Sprintf("social-%s-%d", what, width) }
			admin := browsertest.New(t)
			if err := chromedp.Do(admin, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			signIn(t, admin, e, "tara@demo.example.ru", e.staffPassword("tara@demo.example.ru"))
			hours := "#f-d_" + direction + "_hours"
			if err := chromedp.Do(admin, press("Социальный заказ"), chromedp.WaitVisible(chromedp.CSS(hours))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			lookAt(t, admin, shot("admin-form"))
			if width == 360 { // the error in place is checked once, on the phone
				if err := chromedp.Do(admin, chromedp.SetValue(chromedp.CSS(hours), "много"), press("Опубликовать заказ"),
					chromedp.WaitVisible(chromedp.CSS("#e-d_"+direction+"_hours"))); err != nil {
					t.Fatalf("%v: %s", err, pageText(t, admin))
				}
				if v, _ := chromedp.Run(admin, chromedp.Value(chromedp.CSS(hours))); v != "много" {
					t.Fatalf("the typed volume is lost: %q", v)
				}
				lookAt(t, admin, shot("admin-error"))
			}
			volume := fmt.Sprintf("%d", 4000+i*100)
			if err := chromedp.Do(admin, chromedp.SetValue(chromedp.CSS(hours), volume), press("Опубликовать заказ"),
				chromedp.WaitVisible(chromedp.CSS("p.flash"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			if v, _ := chromedp.Run(admin, chromedp.Value(chromedp.CSS(hours))); strings.ReplaceAll(v, "\u00a0", "") != volume {
				t.Fatalf("after saving the form shows %q, want %s", v, volume)
			}

			// The public order, from the footer.
			if err := chromedp.Do(admin, press("Как заказ видят родители"), chromedp.WaitVisible(chromedp.CSS("#line-"+direction))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, admin))
			}
			text := lookAt(t, admin, shot("public-order"))
			if !strings.Contains(text, volume[:1]+"\u00a0"+volume[1:]+"\u00a0ч") || !strings.Contains(text, "Муниципальное задание") {
				t.Fatalf("the public order: %s", text)
			}

			// The parent, on the phone: the desktop shows the same texts.
			if width != 360 {
				return
			}
			parent := browsertest.New(t)
			if err := chromedp.Do(parent, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			signIn(t, parent, e, email, "demo-parent-2026")
			if err := chromedp.Do(parent, chromedp.Navigate(fmt.Sprintf("%s/cabinet/children/%d", e.srv.URL, childID)),
				chromedp.WaitVisible(chromedp.CSS("#certificate-balance"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, parent))
			}
			text = lookAt(t, parent, shot("child-card"))
			if !strings.Contains(text, "Социальный сертификат на получение муниципальной услуги") || !strings.Contains(text, "Объём на период: 72\u00a0ч") {
				t.Fatalf("the child's card: %s", text)
			}
			if err := chromedp.Do(parent, chromedp.Navigate(fmt.Sprintf("%s/programs/%d", e.srv.URL, programID)),
				chromedp.WaitVisible(chromedp.CSS("#payments"))); err != nil {
				t.Fatalf("%v: %s", err, pageText(t, parent))
			}
			text = lookAt(t, parent, shot("program"))
			if !strings.Contains(text, "Социальный сертификат:") || !strings.Contains(text, "в месяц по") {
				t.Fatalf("the program page's payments: %s", text)
			}
		})
	}
}
