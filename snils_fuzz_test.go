package navigator

import (
	"fmt"
	"strings"
	"testing"
)

// FuzzSNILS: normalizing is idempotent, and whatever ValidateSNILS accepts
// is 11 digits, not nine equal ones, with a control number that adds up
// by the public algorithm recomputed here (or issued before it existed).
func FuzzSNILS(f *testing.F) {
	for _, s := range []string{"112-233-445 95", "11223344595", "000-000-000 00", "001-001-998 00", " 112 233 445 95 ", "1a2-233-445 95", "\u00a0112-233-44595", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeSNILS(s)
		if NormalizeSNILS(n) != n {
			t.Fatalf("normalize not idempotent: %q → %q → %q", s, n, NormalizeSNILS(n))
		}
		code, msg := ValidateSNILS(n)
		if (code == "") != (msg == "") {
			t.Fatalf("%q: code %q with message %q", n, code, msg)
		}
		if code != "" {
			return
		}
		if len(n) != 11 || strings.Trim(n, "0123456789") != "" || strings.Count(n[:9], n[:1]) == 9 {
			t.Fatalf("accepted %q", n)
		}
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(n[i]-'0') * (9 - i)
		}
		control := sum % 101 % 100
		if n[:9] > "001001998" && fmt.Sprintf("%02d", control) != n[9:] {
			t.Fatalf("accepted %q with control %02d", n, control)
		}
	})
}
