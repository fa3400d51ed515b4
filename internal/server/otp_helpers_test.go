package server_test

import (
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// otpSteps remembers, per server and account, the last TOTP time step a
// test used: the server takes each step once, so a second sign-in within
// 30 seconds needs the next step's code.
type otpSteps struct {
	mu   sync.Mutex
	last map[string]int64
}

// otp returns a fresh code for a demo staff account ("" for an account
// without a demo secret, e.g. a parent), waiting when the steps the
// server accepts now are used up.
func (e *env) otp(t testing.TB, email string) string {
	t.Helper()
	secret := ""
	for _, s := range e.region.Staff {
		if s.Email == email {
			secret = s.TOTPSecret
		}
	}
	if secret == "" {
		return ""
	}
	return e.steps.next(t, email, secret)
}

func (o *otpSteps) next(t testing.TB, key, secret string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.last == nil {
		o.last = map[string]int64{}
	}
	now := time.Now().Unix() / 30
	step := max(now, o.last[key]+1)
	if step > now+1 {
		time.Sleep(time.Until(time.Unix((step-1)*30, 0)) + 100*time.Millisecond)
	}
	o.last[key] = step
	code, err := totp.GenerateCode(secret, time.Unix(step*30, 0))
	if err != nil {
		t.Fatal(err)
	}
	return code
}
