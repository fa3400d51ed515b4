package secret

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSealOpenAndHash(t *testing.T) {
	k, err := New("0123456789abcdef0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	a, b := k.Seal("11223344595"), k.Seal("11223344595")
	if string(a) == string(b) {
		t.Fatal("two seals of one value are equal: the nonce is not random")
	}
	if got, err := k.Open(a); err != nil || got != "11223344595" {
		t.Fatalf("Open = %q, %v", got, err)
	}
	a[len(a)-1] ^= 1
	if _, err := k.Open(a); err == nil {
		t.Fatal("a tampered value opened")
	}
	if k.Hash("snils", "1") != k.Hash("snils", "1") || k.Hash("snils", "1") == k.Hash("document", "1") {
		t.Fatal("hash is not deterministic per domain")
	}
	other, _ := New("ffffffffffffffffffffffffffffffff")
	if other.Hash("snils", "1") == k.Hash("snils", "1") {
		t.Fatal("hash does not depend on the key")
	}
	if _, err := other.Open(b); err == nil {
		t.Fatal("opened with another key")
	}
}

func TestNewRefusesShortSecret(t *testing.T) {
	if _, err := New("short"); err == nil {
		t.Fatal("short secret accepted")
	}
}

func TestLoadOrCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s1, err := LoadOrCreate(dir)
	if err != nil || len(s1) < MinLength {
		t.Fatalf("create: %q, %v", s1, err)
	}
	st, _ := os.Stat(filepath.Join(dir, "secret.key"))
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	s2, err := LoadOrCreate(dir)
	if err != nil || s2 != s1 {
		t.Fatalf("reload gave another secret: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "secret.key"), []byte("tiny\n"), 0o600)
	if _, err := LoadOrCreate(dir); err == nil {
		t.Fatal("short stored secret accepted")
	}
}

func TestKeyRing(t *testing.T) {
	oldKey := "old-secret-0123456789abcdef-0123456789"
	newKey := "new-secret-0123456789abcdef-0123456789"
	old, _ := New(oldKey)
	sealed := old.Seal("11223344595")
	ring, err := New(newKey + "," + oldKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ring.Open(sealed); err != nil || got != "11223344595" {
		t.Fatalf("the ring does not open the old value: %q %v", got, err)
	}
	if ring.SealedWithCurrent(sealed) || !ring.SealedWithCurrent(ring.Seal("x")) || !ring.Rotating() {
		t.Fatal("key ids are wrong")
	}
	onlyNew, _ := New(newKey)
	if _, err := onlyNew.Open(sealed); err == nil {
		t.Fatal("a key outside the ring opened the value")
	}
	if _, err := New(newKey + ",short"); err == nil {
		t.Fatal("a short key in the ring was accepted")
	}
	if ring.Hash("snils", "1") != onlyNew.Hash("snils", "1") {
		t.Fatal("hashes must come from the key in force")
	}
}
