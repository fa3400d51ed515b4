package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"navigator/internal/storetest"
)

var verifyLink = regexp.MustCompile(`/verify-email\?token=([A-Za-z0-9_-]+)`)

// TestRegistrationTellsNothing: signing up with an address that has an
// account gets the same answer, in about the same time, as with a new one,
// and a sign-in with the typed password fails the same way for both; no
// password is hashed for the taken address, whose owner gets a warning
// instead of a link; the new account exists only once the letter's link
// is followed, and then signs the parent in. 150 sign-ups at once from one
// address are throttled, and none of those for a taken address hashes.
func TestRegistrationTellsNothing(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			owner := e.region.Families[3].Email
			body := func(email string) string {
				return fmt.Sprintf(`{"municipality_id": 1, "last_name": "Петрова", "first_name": "Анна", "phone": "+7 (913) 765-43-21",
					"email": %q, "password": "тёплый вечер у реки", "consent": true}`, email)
			}
			register := func(email string) (int, map[string]any, time.Duration) {
				start := time.Now()
				resp, b := e.do(t, "POST", "/api/v1/auth/register", body(email))
				took := time.Since(start)
				out := map[string]any{}
				json.Unmarshal([]byte(b), &out)
				return resp.StatusCode, out, took
			}
			hashed := e.hashes.Computed()
			codeNew, ansNew, _ := register("new.parent@example.ru")
			hashesNew := e.hashes.Computed() - hashed
			codeTaken, ansTaken, _ := register(owner)
			if codeNew != 201 || codeTaken != 201 {
				t.Fatalf("sign-up answers %d and %d, want 201 for both", codeNew, codeTaken)
			}
			ansTaken["email"] = ansNew["email"]
			if fmt.Sprint(ansNew) != fmt.Sprint(ansTaken) {
				t.Fatalf("the answers differ: new %v, taken %v", ansNew, ansTaken)
			}
			if hashesNew != 1 || e.hashes.Computed()-hashed != 1 {
				t.Fatalf("%d hashes for the new address, %d for both; want 1 and 1", hashesNew, e.hashes.Computed()-hashed)
			}

			// Timing: medians of five of each.
			var tNew, tTaken []time.Duration
			for i := range 5 {
				_, _, d := register(fmt.Sprintf("timing%d@example.ru", i))
				tNew = append(tNew, d)
				_, _, d = register(owner)
				tTaken = append(tTaken, d)
			}
			slices.Sort(tNew)
			slices.Sort(tTaken)
			if ratio := float64(tTaken[2]) / float64(tNew[2]); ratio < 0.5 || ratio > 2 {
				t.Fatalf("a taken address answers in %v, a new one in %v (medians): the time tells", tTaken[2], tNew[2])
			}

			// Signing in with the typed password fails alike for both.
			rNew, bNew := login(t, e, "new.parent@example.ru", "тёплый вечер у реки", "")
			rTaken, bTaken := login(t, e, owner, "тёплый вечер у реки", "")
			if rNew.StatusCode != 401 || rTaken.StatusCode != 401 || bNew != bTaken {
				t.Fatalf("sign-in before the link: %d %s / %d %s", rNew.StatusCode, bNew, rTaken.StatusCode, bTaken)
			}

			// The owner is warned, with no link; the new address gets one.
			letters, err := e.db.Outbox(t.Context(), 100)
			if err != nil {
				t.Fatal(err)
			}
			var link string
			warned := 0
			for _, m := range letters {
				switch m.To {
				case owner:
					if verifyLink.MatchString(m.Body) {
						t.Fatal("the owner of a taken address got a sign-up link")
					}
					if strings.Contains(m.Subject, "Попытка регистрации") {
						warned++
					}
				case "new.parent@example.ru":
					if g := verifyLink.FindStringSubmatch(m.Body); g != nil && link == "" {
						link = g[1]
					}
				}
			}
			if warned == 0 || warned > 3 || link == "" {
				t.Fatalf("%d warnings to the owner (want 1 to 3), link %q", warned, link)
			}

			// The link asks for one press, then makes the account and signs in.
			status, _, page, _ := e.page(t, nil, "GET", "/verify-email?token="+link, nil)
			if status != 200 || !strings.Contains(page, "ЗАВЕРШИТЬ РЕГИСТРАЦИЮ") {
				t.Fatalf("the link's page: %d", status)
			}
			status, loc, _, cookies := e.page(t, nil, "POST", "/verify-email", url.Values{"token": {link}})
			if status != http.StatusSeeOther || loc != "/cabinet/children?done=registered" || len(cookies) == 0 {
				t.Fatalf("finishing the sign-up: %d → %q", status, loc)
			}
			if r, _ := login(t, e, "new.parent@example.ru", "тёплый вечер у реки", ""); r.StatusCode != 200 {
				t.Fatalf("the new account does not sign in: %d", r.StatusCode)
			}
			if status, _, _, _ := e.page(t, nil, "POST", "/verify-email", url.Values{"token": {link}}); status != 400 {
				t.Fatalf("the link works twice: %d", status)
			}

			// 150 at once for the taken address: throttled per address, and not one hashes.
			hashed = e.hashes.Computed()
			var wg sync.WaitGroup
			var mu sync.Mutex
			codes := map[int]int{}
			for range 150 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					code, _, _ := register(owner)
					mu.Lock()
					codes[code]++
					mu.Unlock()
				}()
			}
			wg.Wait()
			if n := e.hashes.Computed() - hashed; n != 0 {
				t.Fatalf("%d passwords hashed for sign-ups with a taken address", n)
			}
			// 12 sign-ups above; the server's admission gate may shed some
			// of the burst with 503 before they are counted.
			if codes[201]+12 > 20 || codes[429] < 100 || codes[201]+codes[429]+codes[503] != 150 {
				t.Fatalf("150 sign-ups from one address: %v; want at most 20 an hour in all, the rest 429 (or 503 shed)", codes)
			}
		})
	}
}
