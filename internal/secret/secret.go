// Package secret seals personal data at rest (AES-256-GCM), computes keyed
// hashes for looking sealed values up (HMAC-SHA-256), and makes and hashes
// random tokens. All keys derive from one installation secret with HKDF,
// each for one purpose, so that no key serves two.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MinLength is the least length of the installation secret.
const MinLength = 32

// Keys holds the derived keys.
type Keys struct {
	seal cipher.AEAD
	hash []byte
	sign []byte
}

// New derives the keys from the installation secret.
func New(master string) (*Keys, error) {
	if len(master) < MinLength {
		return nil, fmt.Errorf("secret key is too short: %d characters, need at least %d", len(master), MinLength)
	}
	derive := func(purpose string) []byte {
		k, err := hkdf.Key(sha256.New, []byte(master), nil, "navigator "+purpose, 32)
		if err != nil {
			panic(err) // only for lengths over 255*32
		}
		return k
	}
	block, err := aes.NewCipher(derive("seal v1"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keys{seal: aead, hash: derive("hash v1"), sign: derive("sign v1")}, nil
}

// Seal encrypts plaintext; every call gives a different result.
func (k *Keys) Seal(plaintext string) []byte {
	nonce := make([]byte, k.seal.NonceSize(), k.seal.NonceSize()+len(plaintext)+k.seal.Overhead())
	_, _ = rand.Read(nonce)
	return k.seal.Seal(nonce, nonce, []byte(plaintext), nil)
}

// ErrOpen says a sealed value was altered or sealed with another key.
var ErrOpen = errors.New("secret: cannot open sealed value")

// Open decrypts what Seal made.
func (k *Keys) Open(sealed []byte) (string, error) {
	n := k.seal.NonceSize()
	if len(sealed) < n+k.seal.Overhead() {
		return "", ErrOpen
	}
	p, err := k.seal.Open(nil, sealed[:n], sealed[n:], nil)
	if err != nil {
		return "", ErrOpen
	}
	return string(p), nil
}

// Hash returns the keyed hash of value within a domain ("snils",
// "document"), hex: equal values hash equally, and nobody without the key
// can test a guess.
func (k *Keys) Hash(domain, value string) string {
	m := hmac.New(sha256.New, k.hash)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// Sign returns an HMAC of data for signed links and cookies.
func (k *Keys) Sign(data string) string {
	m := hmac.New(sha256.New, k.sign)
	m.Write([]byte(data))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Token returns a new random token of 256 bits, URL-safe.
func Token() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is how a token is stored: SHA-256, hex. A token has 256 random
// bits, so a plain hash is enough; the database never sees the token.
func TokenHash(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// LoadOrCreate returns the secret from the file in dir, creating the file
// with a new random secret (mode 0600) when it does not exist.
func LoadOrCreate(dir string) (string, error) {
	path := filepath.Join(dir, "secret.key")
	b, err := os.ReadFile(path)
	if err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < MinLength {
			return "", fmt.Errorf("%s: secret key is too short: %d characters, need at least %d", path, len(s), MinLength)
		}
		return s, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("read secret key: %w", err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	s := Token() + Token()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("create secret key: %w", err)
	}
	if _, err := f.WriteString(s + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("write secret key: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write secret key: %w", err)
	}
	return s, nil
}
