// Package password hashes passwords with Argon2id and checks a new
// password against the rules: 8 to 128 characters, no composition rules,
// not one of the most common passwords.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Parameters of Argon2id, as OWASP recommends for a server (19 MiB, t=2).
const (
	memoryKiB = 19 * 1024
	passes    = 2
	threads   = 1
	keyLen    = 32
)

// Hash returns the PHC string of password.
func Hash(password string) string { return hash(password, memoryKiB, passes) }

// CheapHash is Hash with Argon2id's least parameters (64 KiB, one pass):
// for test fixtures only, whose thousands of sign-ins would otherwise
// spend minutes (more under -race). Verify reads the parameters from the
// hash, so a cheap hash verifies as any other; the product never makes
// one.
func CheapHash(password string) string { return hash(password, 64, 1) }

func hash(password string, memory, time uint32) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, time, memory, threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, time, threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Verify reports whether password matches the PHC string.
func Verify(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummy is a hash to verify against when an account does not exist, so
// that a wrong e-mail takes as long as a wrong password.
var dummy = Hash("no such account")

// VerifyNone spends the time of one verification and returns false.
func VerifyNone(password string) bool {
	Verify(dummy, password)
	return false
}

// Errors of Check, with messages for people.
var (
	ErrTooShort = errors.New("Пароль слишком короткий: нужно не меньше 8 символов.")
	ErrTooLong  = errors.New("Пароль слишком длинный: не больше 128 символов.")
	ErrCommon   = errors.New("Этот пароль слишком распространён, его легко подобрать. Придумайте другой.")
)

// Check validates a new password.
func Check(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < 8:
		return ErrTooShort
	case n > 128:
		return ErrTooLong
	case common[strings.ToLower(password)]:
		return ErrCommon
	}
	return nil
}
