//go:build !unix

package rush

import "time"

// processCPU is not measured where getrusage is missing; the bench then
// leaves the figure out.
func processCPU() time.Duration { return 0 }
