package cluster_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"navigator/internal/cluster"
	"navigator/internal/cluster/clustertest"
	"navigator/internal/store"
	"navigator/internal/storetest"
)

// TestAdmissionThroughBalancer overloads three servers, each admitting
// one request at a time, through HAProxy: each server's own gate sheds the
// excess with 503 and Retry-After, the balancer passes the refusal on
// instead of hiding or retrying it, and the health checks, never shed,
// keep every server in the pool.
func TestAdmissionThroughBalancer(t *testing.T) {
	t.Parallel()
	hap := clustertest.HAProxy(t)
	u := storetest.URL(t, store.Postgres) // empty: the servers migrate it
	cl := clustertest.Start(t, cluster.Config{HAProxy: hap, DB: u, Secret: testSecret, Servers: 3,
		Args: []string{"--db-conns", "4", "--max-in-flight", "1", "--latency-target", "0", "--shed-wait", "1ms"}})
	// A sign-in checks a password (or a stand-in for an unknown address)
	// for about a fifth of a second: forty at once are far more than three
	// servers admitting one each.
	const n = 40
	answers := make([]reply, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = call(t, http.MethodPost, cl.URL(), "/api/v1/auth/login", "",
				map[string]string{"email": fmt.Sprintf("nobody%d@example.ru", i), "password": "не тот пароль"})
		}()
	}
	wg.Wait()
	shedBy, servedBy := map[string]int{}, map[string]int{}
	for _, a := range answers {
		by := a.header.Get("X-Navigator-Server")
		switch a.status {
		case http.StatusServiceUnavailable:
			if a.header.Get("Retry-After") == "" || !strings.Contains(a.body, "перегружен") {
				t.Errorf("a 503 from %q without the gate's Retry-After and message: %v %s", by, a.header, a.body)
			}
			shedBy[by]++
		case http.StatusUnauthorized:
			servedBy[by]++
		default:
			t.Errorf("%q answered %d %s", by, a.status, a.body)
		}
	}
	t.Logf("shed %v, served %v", shedBy, servedBy)
	if len(shedBy) < 2 || len(servedBy) == 0 {
		t.Fatalf("shed by %v, served by %v: want the gates of several servers shedding and some requests served", shedBy, servedBy)
	}
	for _, s := range cl.Servers {
		if got := call(t, http.MethodGet, cl.URL(), "/healthz", "", nil); got.status != http.StatusOK {
			t.Fatalf("after the overload the balancer answers /healthz with %d (%s)", got.status, s.Name)
		}
	}
}
