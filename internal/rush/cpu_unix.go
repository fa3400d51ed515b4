//go:build unix

package rush

import (
	"syscall"
	"time"
)

// processCPU is the processor time the process has used so far, user and
// system together; the rush's server and clients share the process, so
// it is what one application costs the machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
