package pgcluster

import "os"

// TB is the part of testing.TB that Require uses; the package is not a
// test package, so it does not import testing.
type TB interface {
	Helper()
	Skip(args ...any)
	Fatal(args ...any)
}

// Require returns the folder of the server programs, or skips the test
// without them — and fails it in CI (CI set), which must run it.
func Require(t TB) string {
	t.Helper()
	bin, err := Bin(os.Getenv)
	if err == nil {
		return bin
	}
	if os.Getenv("CI") != "" {
		t.Fatal(err.Error() + ": CI must run the cluster tests")
	}
	t.Skip(err.Error())
	return ""
}
