package password

import (
	"context"
	"math"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"time"

	"navigator"
)

// HashMemory is what one hash or verification holds while it runs.
const HashMemory = memoryKiB * 1024

// ErrBusy is a hash refused because too many were running for too long:
// 503 with Retry-After.
var ErrBusy = &navigator.Error{Kind: navigator.KindUnavailable, Code: "busy", RetryAfter: 2 * time.Second,
	Message: "Сейчас проверяется слишком много паролей сразу. Повторите через несколько секунд.", Op: "password gate"}

// Gate bounds the password hashes and verifications computed at once.
// Each holds 19 MiB for about 50 ms: a burst of sign-ups or sign-ins with
// no bound took a server from 57 MB to 4 GB. A request over the bound
// waits its turn for a short while, then is refused with ErrBusy (503),
// and the hashes already running finish at full speed.
type Gate struct {
	slots    chan struct{}
	wait     time.Duration
	typical  atomic.Int64 // nanoseconds a hash takes lately
	computed atomic.Int64 // hashes and verifications computed
}

// NewGate returns a gate of n slots that lets a request wait up to wait.
func NewGate(n int, wait time.Duration) *Gate {
	g := &Gate{slots: make(chan struct{}, max(1, n)), wait: wait}
	g.typical.Store(int64(50 * time.Millisecond))
	return g
}

// Computed is how many hashes and verifications the gate let run.
func (g *Gate) Computed() int64 { return g.computed.Load() }

// timed runs one hash and keeps a moving average of how long hashes take.
func (g *Gate) timed(f func()) {
	start := time.Now()
	f()
	d := int64(time.Since(start))
	g.computed.Add(1)
	old := g.typical.Load()
	g.typical.CompareAndSwap(old, old-old/8+d/8)
}

// Pretend spends, in a slot of the gate, the time a hash takes lately,
// without computing one or taking its memory: an answer that must not
// tell whether a password was hashed takes as long, and waits for a slot
// the same way, as one that hashed.
func (g *Gate) Pretend(ctx context.Context) error {
	return g.PretendUntil(ctx, time.Now().Add(time.Duration(g.typical.Load())))
}

// PretendUntil is Pretend that holds its slot until the instant given:
// the caller knows how long the whole answer it imitates takes.
func (g *Gate) PretendUntil(ctx context.Context, until time.Time) error {
	if err := g.enter(ctx); err != nil {
		return err
	}
	defer g.leave()
	t := time.NewTimer(time.Until(until))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// DefaultGate is sized by Slots and lets a request wait two seconds.
func DefaultGate() *Gate { return NewGate(Slots(), 2*time.Second) }

// Slots is how many hashes run at once: two per processor, since more only
// queue for the processors while holding memory, and no more than a
// quarter of the Go memory limit (GOMEMLIMIT) holds, when one is set.
func Slots() int {
	n := 2 * runtime.NumCPU()
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		n = min(n, int(limit/4/HashMemory))
	}
	return max(1, n)
}

// Size is the number of slots.
func (g *Gate) Size() int { return cap(g.slots) }

// enter takes a slot, waiting up to the gate's wait.
func (g *Gate) enter(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *Gate) leave() { <-g.slots }

// Hash is Hash through the gate.
func (g *Gate) Hash(ctx context.Context, password string) (string, error) {
	if err := g.enter(ctx); err != nil {
		return "", err
	}
	defer g.leave()
	var h string
	g.timed(func() { h = Hash(password) })
	return h, nil
}

// Verify is Verify through the gate.
func (g *Gate) Verify(ctx context.Context, hash, password string) (bool, error) {
	if err := g.enter(ctx); err != nil {
		return false, err
	}
	defer g.leave()
	var ok bool
	g.timed(func() { ok = Verify(hash, password) })
	return ok, nil
}

// VerifyNone is VerifyNone through the gate.
func (g *Gate) VerifyNone(ctx context.Context, password string) error {
	if err := g.enter(ctx); err != nil {
		return err
	}
	defer g.leave()
	g.timed(func() { VerifyNone(password) })
	return nil
}
