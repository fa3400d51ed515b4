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

// Keys holds the keys derived from the installation secret. The secret
// may be a key ring: several secrets separated by commas, the first in
// force and the rest only to open what was sealed before a rotation.
type Keys struct {
	ring []ringKey // ring[0] seals and hashes
}

// ringKey is one secret's derived keys.
type ringKey struct {
	id   [4]byte // names the key in every sealed value
	seal cipher.AEAD
	hash []byte
	sign []byte
	// chain keys the audit journal's hash chain; mark signs its
	// checkpoints kept outside the database.
	chain []byte
	mark  []byte
}

// sealVersion is the first byte of every sealed value.
const sealVersion = 1

// New derives the keys from the installation secret or key ring.
func New(master string) (*Keys, error) {
	k := &Keys{}
	parts := strings.Split(master, ",")
	for i, part := range parts {
		part = strings.TrimSpace(part)
		if len(part) < MinLength {
			which := "secret key"
			if len(parts) > 1 {
				which = fmt.Sprintf("secret key %d of the ring", i+1)
			}
			return nil, fmt.Errorf("%s is too short: %d characters, need at least %d", which, len(part), MinLength)
		}
		rk, err := derive(part)
		if err != nil {
			return nil, err
		}
		k.ring = append(k.ring, rk)
	}
	return k, nil
}

func derive(master string) (ringKey, error) {
	key := func(purpose string) []byte {
		b, err := hkdf.Key(sha256.New, []byte(master), nil, "navigator "+purpose, 32)
		if err != nil {
			panic(err) // only for lengths over 255*32
		}
		return b
	}
	block, err := aes.NewCipher(key("seal v1"))
	if err != nil {
		return ringKey{}, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return ringKey{}, err
	}
	rk := ringKey{seal: aead, hash: key("hash v1"), sign: key("sign v1"), chain: key("audit chain v1"), mark: key("audit checkpoint v1")}
	copy(rk.id[:], key("key id v1"))
	return rk, nil
}

// Rotating reports whether the ring holds old keys: values sealed with
// them should be sealed again (navigator secret rotate).
func (k *Keys) Rotating() bool { return len(k.ring) > 1 }

// Seal encrypts plaintext with the key in force; every call gives a
// different result. The value names its key, so that it opens after a
// rotation.
func (k *Keys) Seal(plaintext string) []byte {
	rk := k.ring[0]
	n := rk.seal.NonceSize()
	out := make([]byte, 5+n, 5+n+len(plaintext)+rk.seal.Overhead())
	out[0] = sealVersion
	copy(out[1:5], rk.id[:])
	_, _ = rand.Read(out[5 : 5+n])
	return rk.seal.Seal(out, out[5:5+n], []byte(plaintext), out[:5])
}

// ErrOpen says a sealed value was altered or sealed with a key not in the
// ring.
var ErrOpen = errors.New("secret: cannot open sealed value")

// Open decrypts what Seal made with any key of the ring.
func (k *Keys) Open(sealed []byte) (string, error) {
	p, _, err := k.open(sealed)
	return p, err
}

// SealedWithCurrent reports whether a value is sealed with the key in
// force.
func (k *Keys) SealedWithCurrent(sealed []byte) bool {
	return len(sealed) > 5 && [4]byte(sealed[1:5]) == k.ring[0].id
}

func (k *Keys) open(sealed []byte) (string, int, error) {
	if len(sealed) < 5 || sealed[0] != sealVersion {
		return "", 0, ErrOpen
	}
	for i, rk := range k.ring {
		if [4]byte(sealed[1:5]) != rk.id {
			continue
		}
		n := rk.seal.NonceSize()
		if len(sealed) < 5+n+rk.seal.Overhead() {
			return "", 0, ErrOpen
		}
		p, err := rk.seal.Open(nil, sealed[5:5+n], sealed[5+n:], sealed[:5])
		if err != nil {
			return "", 0, ErrOpen
		}
		return string(p), i, nil
	}
	return "", 0, ErrOpen
}

// Hash returns the keyed hash of value within a domain ("snils",
// "document"), hex: equal values hash equally, and nobody without the key
// can test a guess.
func (k *Keys) Hash(domain, value string) string {
	m := hmac.New(sha256.New, k.ring[0].hash)
	m.Write([]byte(domain))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// Sign returns an HMAC of data for signed links and cookies.
func (k *Keys) Sign(data string) string {
	m := hmac.New(sha256.New, k.ring[0].sign)
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
	if err := os.MkdirAll(dir, 0o700); err != nil {
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

// Rotate replaces the secret in the file in dir by a new one, keeping the
// old one in the ring while reseal runs: a crash at any point leaves a
// ring that opens everything. reseal gets the ring "new,old" and must
// seal every value again with the new key.
func Rotate(dir string, reseal func(ring *Keys) error) error {
	path := filepath.Join(dir, "secret.key")
	old, err := LoadOrCreate(dir)
	if err != nil {
		return err
	}
	fresh := Token() + Token()
	if err := writeAtomic(path, fresh+","+old); err != nil {
		return err
	}
	ring, err := New(fresh + "," + old)
	if err != nil {
		return err
	}
	if err := reseal(ring); err != nil {
		return err
	}
	return writeAtomic(path, fresh)
}

// writeAtomic replaces a file's content through a rename, mode 0600.
func writeAtomic(path, content string) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write secret key: %w", err)
	}
	if _, err := f.WriteString(content + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("write secret key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write secret key: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write secret key: %w", err)
	}
	return os.Rename(tmp, path)
}
