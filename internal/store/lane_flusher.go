package store

import (
	"context"
	"sync"
	"time"
)

// flusher runs a flush every period in its own goroutine, and once more
// when it is closed: the sessions' marks (touch.go) and the programs'
// seat recounts (seats.go) are written this way, off the requests' path.
type flusher struct {
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// startFlusher starts calling flush every period. A failed flush keeps
// its work for the next one, so its error is not reported here.
func startFlusher(every time.Duration, flush func(context.Context) error) *flusher {
	f := &flusher{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				_ = flush(context.Background())
			case <-f.stop:
				_ = flush(context.Background())
				return
			}
		}
	}()
	return f
}

// close flushes once more and ends the goroutine; it may be called again.
func (f *flusher) close() {
	f.once.Do(func() { close(f.stop) })
	<-f.done
}
