package checkpoint

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"
)

// Heads returns the newest entry of every chain of the journal.
type Heads func(ctx context.Context) ([]Head, error)

// Keeper writes a checkpoint whenever the journal has grown since the last
// one, when asked (every minute while the server runs, and at shutdown).
type Keeper struct {
	path  string
	keys  Signer
	heads Heads
	log   *slog.Logger
	now   func() time.Time

	mu   sync.Mutex
	last Checkpoint
}

// NewKeeper returns a keeper of the checkpoints file at path.
func NewKeeper(path string, keys Signer, heads Heads, log *slog.Logger) *Keeper {
	return &Keeper{path: path, keys: keys, heads: heads, log: log, now: time.Now}
}

// Mark writes a checkpoint of the chains' heads to the file and the log,
// unless the last one already names them.
func (k *Keeper) Mark(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	heads, err := k.heads(ctx)
	if err != nil {
		return err
	}
	c := New(k.keys, heads, k.now())
	if k.last.Sig != "" && slices.Equal(k.last.Heads, c.Heads) {
		return nil
	}
	if err := Append(k.path, c); err != nil {
		return err
	}
	k.last = c
	k.log.Info("audit checkpoint", "v", c.V, "heads", c.Heads, "at", c.At, "sig", c.Sig)
	return nil
}

// Run marks at once and then every interval until ctx ends; a failure is
// logged and tried again at the next tick.
func (k *Keeper) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := k.Mark(ctx); err != nil && ctx.Err() == nil {
			k.log.Error("audit checkpoint failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
