package checkpoint

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Head returns the journal's newest entry number and link.
type Head func(ctx context.Context) (int64, string, error)

// Keeper writes a checkpoint whenever the journal has grown since the last
// one, when asked (every minute while the server runs, and at shutdown).
type Keeper struct {
	path string
	keys Signer
	head Head
	log  *slog.Logger
	now  func() time.Time

	mu   sync.Mutex
	last Checkpoint
}

// NewKeeper returns a keeper of the checkpoints file at path.
func NewKeeper(path string, keys Signer, head Head, log *slog.Logger) *Keeper {
	return &Keeper{path: path, keys: keys, head: head, log: log, now: time.Now}
}

// Mark writes a checkpoint of the journal's head to the file and the log,
// unless the last one already names it.
func (k *Keeper) Mark(ctx context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	seq, hash, err := k.head(ctx)
	if err != nil {
		return err
	}
	if k.last.Sig != "" && k.last.Seq == seq && k.last.Hash == hash {
		return nil
	}
	c := New(k.keys, seq, hash, k.now())
	if err := Append(k.path, c); err != nil {
		return err
	}
	k.last = c
	k.log.Info("audit checkpoint", "seq", c.Seq, "hash", c.Hash, "at", c.At, "sig", c.Sig)
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
