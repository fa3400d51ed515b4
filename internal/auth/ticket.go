package auth

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"navigator"
)

// ticketTTL is how long the code screen may be answered after a good
// password.
const ticketTTL = 5 * time.Minute

// NeedCode is the refusal of a good password on an account with a second
// factor when the code is missing or wrong. Ticket lets the code screen
// finish the sign-in with LoginWithCode, so that a person types the
// password once and the code field appears only for accounts that have
// one. It unwraps to the *navigator.Error with code otp_required.
type NeedCode struct {
	Err    *navigator.Error
	Ticket string
}

func (e *NeedCode) Error() string { return e.Err.Error() }
func (e *NeedCode) Unwrap() error { return e.Err }

// AsNeedCode finds a NeedCode in err.
func AsNeedCode(err error) (*NeedCode, bool) {
	var n *NeedCode
	ok := errors.As(err, &n)
	return n, ok
}

// ticket seals the account and the time the password was good: only this
// server's key opens it, and nothing of the password is in it.
func (s *Service) ticket(id int64, email string) string {
	plain := strings.Join([]string{"code", strconv.FormatInt(id, 10), strconv.FormatInt(s.now().Add(ticketTTL).Unix(), 10), email}, "\n")
	return base64.RawURLEncoding.EncodeToString(s.keys.Seal(plain))
}

// openTicket reads a ticket that has not expired.
func (s *Service) openTicket(ticket string) (id int64, email string, ok bool) {
	if ticket == "" || len(ticket) > 1000 {
		return 0, "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(ticket)
	if err != nil {
		return 0, "", false
	}
	plain, err := s.keys.Open(raw)
	if err != nil {
		return 0, "", false
	}
	parts := strings.SplitN(plain, "\n", 4)
	if len(parts) != 4 || parts[0] != "code" {
		return 0, "", false
	}
	id, err1 := strconv.ParseInt(parts[1], 10, 64)
	until, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || s.now().Unix() > until {
		return 0, "", false
	}
	return id, parts[3], true
}
