package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"navigator/internal/storetest"
)

// TestParallelGuessesChecked fires 40 wrong passwords for one account at
// once through the real HTTP stack: at most 5 may ever be checked (401),
// the rest are refused before the check (429 with Retry-After), and the
// right password is refused too while the account is locked.
func TestParallelGuessesChecked(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			victim := e.region.Families[4].Email
			body, _ := json.Marshal(map[string]string{"email": victim, "password": "wrong password"})
			statuses := make([]int, 40)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range statuses {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					resp, err := http.Post(e.srv.URL+"/api/v1/auth/login", "application/json", strings.NewReader(string(body)))
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
						t.Error("429 without Retry-After")
					}
					statuses[i] = resp.StatusCode
				}()
			}
			close(start)
			wg.Wait()
			count := map[int]int{}
			for _, s := range statuses {
				count[s]++
			}
			if count[http.StatusUnauthorized] > 5 || count[http.StatusUnauthorized]+count[http.StatusTooManyRequests] != 40 {
				t.Fatalf("40 parallel guesses answered %v: want at most 5 checked (401), the rest 429", count)
			}
			if resp, b := login(t, e, victim, "demo-parent-2026", ""); resp.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("right password after 40 guesses: %d %s, want 429", resp.StatusCode, b)
			}
		})
	}
}

// TestAddressLimitSurvivesOwnLogin: an attacker who signs in to their own
// account between guesses does not reset the count of guesses made from
// their address.
func TestAddressLimitSurvivesOwnLogin(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines {
		t.Run(string(engine), func(t *testing.T) {
			e := newEnv(t, engine)
			own := e.region.Families[0].Email
			guess := func(i int) int {
				t.Helper()
				resp, _ := login(t, e, e.region.Families[1+i/5].Email, "wrong password", "")
				return resp.StatusCode
			}
			// 45 wrong guesses, 5 at each of 9 accounts, from one address.
			for i := 0; i < 45; i++ {
				if s := guess(i); s != http.StatusUnauthorized {
					t.Fatalf("guess %d: %d, want 401", i+1, s)
				}
			}
			if resp, b := login(t, e, own, "demo-parent-2026", ""); resp.StatusCode != http.StatusOK {
				t.Fatalf("own sign-in: %d %s", resp.StatusCode, b)
			}
			// Five more guesses reach the address's limit of 50; the next is refused.
			for i := 45; i < 50; i++ {
				if s := guess(i); s != http.StatusUnauthorized {
					t.Fatalf("guess %d: %d, want 401", i+1, s)
				}
			}
			resp, b := login(t, e, e.region.Families[20].Email, "wrong password", "")
			if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("51st guess from the address after a good sign-in: %d %s, want 429", resp.StatusCode, b)
			}
		})
	}
}
