package pgcluster

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
)

// Ports is the range the servers' ports are taken from: the machine's
// other users keep out of it.
const (
	PortLow  = 57000
	PortHigh = 57999
)

// FreePort returns a loopback port in the range that nobody listens on
// now. Another process may take it before the caller does; Start then
// fails with the server's own message and the caller can try again.
func FreePort() (int, error) {
	start := PortLow + rand.IntN(PortHigh-PortLow+1)
	for i := range PortHigh - PortLow + 1 {
		p := PortLow + (start-PortLow+i)%(PortHigh-PortLow+1)
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err != nil {
			continue
		}
		ln.Close()
		return p, nil
	}
	return 0, errors.New("no free port in 57000–57999")
}
