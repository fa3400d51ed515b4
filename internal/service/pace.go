package service

import (
	"slices"
	"sync"
	"time"
)

// pace keeps how long a path has taken lately, so that another path whose
// answer must not be told apart from it can take as long. It is the
// median of the last runs: a cold first run (a fresh connection, a first
// statement prepared) is outvoted at once, and when a processor shared
// with other work slows every run down, the median follows within a few.
type pace struct {
	mu   sync.Mutex
	runs []time.Duration // the last paceRuns, oldest first
}

const paceRuns = 9

// took records one run of the path.
func (p *pace) took(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.runs) == paceRuns {
		p.runs = p.runs[1:]
	}
	p.runs = append(p.runs, d)
}

// typical is the median of the last runs (the lower middle of an even
// number), 0 before the first.
func (p *pace) typical() time.Duration {
	p.mu.Lock()
	sorted := slices.Clone(p.runs)
	p.mu.Unlock()
	if len(sorted) == 0 {
		return 0
	}
	slices.Sort(sorted)
	return sorted[(len(sorted)-1)/2]
}
