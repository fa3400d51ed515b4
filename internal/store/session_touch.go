package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// A session's last_seen_at is marked when a request comes touchEvery
// after the last mark. Written at once, every mark would be a durable
// commit of its own: on the morning of enrolment that is one per parent,
// as many as the applications themselves, and on SQLite they queue for
// the one writer with the applications. So marks are gathered in memory
// and written together every touchFlush, and when the store closes or
// deletes idle sessions. A crash loses at most touchFlush of a session's
// idle time, which is counted in half-hours.

// touchFlush is how long a mark may wait in memory.
const touchFlush = 2 * time.Second

// touchChunk bounds the sessions one statement marks.
const touchChunk = 500

// touches are the marks not written yet.
type touches struct {
	mu   sync.Mutex
	seen map[string]time.Time // session → when it was seen
	*flusher
}

func (db *DB) startTouches() {
	db.touches = &touches{seen: map[string]time.Time{}}
	db.touches.flusher = startFlusher(touchFlush, db.flushTouches)
}

// markSeen records that the session was seen at at.
func (db *DB) markSeen(id string, at time.Time) {
	t := db.touches
	t.mu.Lock()
	t.seen[id] = at
	t.mu.Unlock()
}

// lastSeen returns the session's mark not written yet, if there is one.
func (db *DB) lastSeen(id string) (time.Time, bool) {
	t := db.touches
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.seen[id]
	return at, ok
}

// flushTouches writes the marks gathered so far in one transaction. Each
// statement writes the earliest time of its chunk: a session is never
// marked later than it was seen. Marks that could not be written are kept
// for the next time, unless a newer one came meanwhile.
func (db *DB) flushTouches(ctx context.Context) error {
	t := db.touches
	t.mu.Lock()
	seen := t.seen
	t.seen = map[string]time.Time{}
	t.mu.Unlock()
	if len(seen) == 0 {
		return nil
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids) // rows locked in one order
	err := db.Update(ctx, func(tx *Tx) error {
		for chunk := range slices.Chunk(ids, touchChunk) {
			at := seen[chunk[0]]
			args := make([]any, 1, len(chunk)+1)
			for _, id := range chunk {
				if seen[id].Before(at) {
					at = seen[id]
				}
				args = append(args, id)
			}
			args[0] = at
			if _, err := tx.Exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE id IN ("+placeholders(len(chunk))+")", args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.mu.Lock()
		for id, at := range seen {
			if _, newer := t.seen[id]; !newer {
				t.seen[id] = at
			}
		}
		t.mu.Unlock()
		return fmt.Errorf("mark sessions seen: %w", err)
	}
	return nil
}
