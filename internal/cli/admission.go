package cli

import (
	"flag"
	"time"

	"navigator/internal/server"
)

// admissionFlags are the settings of the server's admission gate, the
// same for `serve` and `bench rush`.
type admissionFlags struct {
	maxInFlight int
	shedWait    time.Duration
	target      time.Duration
}

func (a *admissionFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&a.maxInFlight, "max-in-flight", 512, "the most requests served at once; more wait up to --shed-wait, then get 503 with Retry-After")
	fs.DurationVar(&a.shedWait, "shed-wait", server.DefaultShedWait, "how long a request waits for a free slot before 503")
	fs.DurationVar(&a.target, "latency-target", server.DefaultLatencyTarget, "the p99 of a request's time in the server that the number served at once adapts to; 0: always --max-in-flight")
}

// validate says in one line what is wrong with the settings.
func (a *admissionFlags) validate() error {
	switch {
	case a.maxInFlight < 1:
		return usageError{"--max-in-flight must be at least 1"}
	case a.shedWait < 0:
		return usageError{"--shed-wait must not be negative"}
	case a.target < 0:
		return usageError{"--latency-target must not be negative"}
	case a.target > 0 && a.target <= a.shedWait:
		return usageError{"--latency-target must be longer than --shed-wait: the wait is part of it"}
	}
	return nil
}

// apply puts the settings into cfg.
func (a *admissionFlags) apply(cfg server.Config) server.Config {
	cfg.MaxInFlight, cfg.ShedWait, cfg.LatencyTarget = a.maxInFlight, a.shedWait, a.target
	if a.target == 0 {
		cfg.LatencyTarget = -1
	}
	return cfg
}
