package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"navigator/internal/store"
)

// replicaFlags are the read replicas of `serve`: PostgreSQL streaming
// replicas that serve the public catalog.
type replicaFlags struct {
	urls   urlList
	maxLag time.Duration
}

// urlList is a flag that may be given many times.
type urlList []string

func (l *urlList) String() string { return strings.Join(*l, " ") }

func (l *urlList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func (r *replicaFlags) register(fs *flag.FlagSet, getenv env) {
	// The variable holds URLs separated by spaces: a multi-host URL has
	// commas of its own.
	r.urls = strings.Fields(getenv("NAVIGATOR_DB_REPLICA"))
	fs.Var(&r.urls, "db-replica", "a PostgreSQL streaming replica that serves the public catalog; repeat for more (NAVIGATOR_DB_REPLICA, separated by spaces)")
	fs.DurationVar(&r.maxLag, "db-replica-max-lag", 2*time.Second, "a replica further behind the primary is skipped and the primary serves")
}

// validate says in one line what is wrong, before the slow start-up.
func (r *replicaFlags) validate(dbURL string) error {
	if len(r.urls) == 0 {
		return nil
	}
	if !strings.HasPrefix(dbURL, "postgres://") && !strings.HasPrefix(dbURL, "postgresql://") {
		return usageError{"--db-replica needs --db postgres://…: SQLite has no replicas"}
	}
	if r.maxLag <= 0 {
		return usageError{"--db-replica-max-lag must be positive"}
	}
	return nil
}

// use connects the replicas to the store.
func (r *replicaFlags) use(ctx context.Context, st *store.DB) error {
	if err := st.UseReplicas(ctx, r.urls, store.ReplicaOptions{MaxLag: r.maxLag}); err != nil {
		return fmt.Errorf("read replicas: %w", err)
	}
	return nil
}
