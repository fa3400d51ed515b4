// Package replica holds the tests of the read replicas on real
// PostgreSQL servers: a primary and a streaming standby made with
// pg_basebackup -R by internal/pgcluster. They skip without the server
// programs and fail without them in CI.
package replica
