// Package failover holds the drill of losing the PostgreSQL primary: a
// primary with a synchronous standby (internal/pgcluster), several
// `navigator serve` processes on a multi-host connection string, the
// primary killed with SIGKILL in the middle of a rush and the standby
// promoted. The setup and the measured figures are in docs/FAILOVER.md.
package failover
