package password

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h := Hash("Длинный пароль мамы")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if !Verify(h, "Длинный пароль мамы") || Verify(h, "длинный пароль мамы") || Verify("garbage", "x") {
		t.Fatal("verify is wrong")
	}
	if Hash("same password") == Hash("same password") {
		t.Fatal("salt is not random")
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		pw   string
		want error
	}{
		{"short", ErrTooShort},
		{"семьсим", ErrTooShort},
		{"восемьсим", nil},
		{strings.Repeat("я", 128), nil},
		{strings.Repeat("я", 129), ErrTooLong},
		{"12345678", ErrCommon},
		{"QwertyUiop", ErrCommon},
		{"йцукенгш", ErrCommon},
		{"correct horse battery staple", nil},
	} {
		if got := Check(c.pw); got != c.want {
			t.Errorf("Check(%q) = %v, want %v", c.pw, got, c.want)
		}
	}
}

func TestCheapHashVerifies(t *testing.T) {
	h := CheapHash("пароль для тестов")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("cheap hash %q", h)
	}
	if !Verify(h, "пароль для тестов") || Verify(h, "пароль для тестов!") {
		t.Fatal("a cheap hash does not verify as a hash")
	}
}
