package cluster_test

import (
	"testing"

	"navigator/internal/cluster/clustertest"
)

// TestMain removes the built binary and the test databases at the end.
func TestMain(m *testing.M) { clustertest.Main(m) }
