package cluster

import (
	"fmt"
	"math/rand/v2"
	"net"
)

// The ports the harness gives its servers and balancers: a range of its
// own, so that it never takes a port another program on the machine is
// given by the system.
const (
	portLow  = 56000
	portHigh = 56999
)

// FreePort returns a loopback port of the range that nobody listens on
// now. Between this check and the listener's start another program may
// take it; the server then fails at once (it listens before anything
// slow) and the caller tries another.
func FreePort() (int, error) {
	for range 200 {
		p := portLow + rand.IntN(portHigh-portLow+1)
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		ln.Close()
		return p, nil
	}
	return 0, fmt.Errorf("no free port in %d–%d", portLow, portHigh)
}
