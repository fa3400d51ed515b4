package cluster_test

import (
	"strings"
	"testing"

	"navigator/internal/cluster/clustertest"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestBenchRushServers runs `navigator bench rush --servers 2` small, as
// an operator would: it starts its servers and HAProxy itself, measures
// one server and two in the same run, prints the ratio and stops them.
func TestBenchRushServers(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("bench rush builds a region: skipped with -short")
	}
	clustertest.HAProxy(t)
	u := storetest.URL(t, store.Postgres)
	out := runBench(t, "bench", "rush", "--db", u, "--servers", "2",
		"--families", "200", "--groups", "4", "--clients", "20", "--runs", "1", "--baseline", "200ms")
	for _, want := range []string{"прогон 1, 1 сервер за HAProxy", "прогон 1, 2 сервера за HAProxy", "2 сервера / 1 сервер: заявок/с", "переполненных групп 0, нарушений очереди 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}
