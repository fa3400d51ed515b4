package cli

import (
	"errors"
	"net/url"
	"strings"
)

// validateFleet checks --servers and --replica of a bench before the slow
// start-up: cmd is the bench's name for the message.
func validateFleet(cmd string, servers int, dbURL string, replicas []string) error {
	switch {
	case servers < 0 || servers > 16:
		return usageError{cmd + ": --servers must be from 1 to 16"}
	case servers > 0 && !isPostgresURL(dbURL):
		return usageError{cmd + ": --servers needs --db postgres://…: servers in several processes share PostgreSQL"}
	case len(replicas) > 0 && servers == 0:
		return usageError{cmd + ": --replica needs --servers N: the servers that read the catalog from it are started by the bench"}
	}
	for _, r := range replicas {
		if err := checkReplicaURL(r); err != nil {
			return usageError{cmd + ": --replica: " + err.Error()}
		}
	}
	return nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// checkReplicaURL says what is wrong with a replica's URL, without
// repeating a password it may hold.
func checkReplicaURL(s string) error {
	if !isPostgresURL(s) {
		return errors.New("a streaming replica of the primary, postgres://USER@HOST:PORT/DB")
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return errors.New("not a URL postgres://USER@HOST:PORT/DB")
	}
	return nil
}
