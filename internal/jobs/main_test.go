package jobs

import (
	"testing"

	"navigator/internal/storetest"
)

// TestMain drops the databases the tests cloned from when they are done.
func TestMain(m *testing.M) { storetest.Main(m) }
