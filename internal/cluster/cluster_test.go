package cluster_test

import (
	"testing"

	"navigator/internal/rush"
)

// TestThreeServers starts three servers on one PostgreSQL database behind
// HAProxy once and checks, one property a subtest, that they behave as
// one server. The subtests run in order: the last stops a server.
func TestThreeServers(t *testing.T) {
	t.Parallel()
	// Every task's period is a second, so that the job subtest sees many
	// due times in a few seconds; the other subtests run while the jobs
	// run, as they would in life.
	r := startRegion(t, rush.Config{Families: 600, Groups: 12, Clients: 120, Seats: 20}, nil,
		[]string{"NAVIGATOR_JOBS_EVERY=1s"})
	t.Run("sessions", func(t *testing.T) { testSessions(t, r) })
	t.Run("disabled account", func(t *testing.T) { testDisabledAccount(t, r) })
	t.Run("sign-in throttling", func(t *testing.T) { testThrottling(t, r) })
	t.Run("idempotency key", func(t *testing.T) { testIdempotency(t, r) })
	t.Run("reset link", func(t *testing.T) { testResetLink(t, r) })
	t.Run("seat claim", func(t *testing.T) { testSeatClaim(t, r) })
	t.Run("jobs once", func(t *testing.T) { testJobsOnce(t, r) })
}
