package admission

import "time"

// recall remembers the keys of refused requests for a while, so that
// their retries can be recognised, and when each was first refused, so
// that the parents who came first are let in first. It holds at most
// size keys; when full it forgets the old ones, and if all are recent,
// everything: a memory of refusals is a courtesy, never a reason to grow
// without bound.
type recall struct {
	size int
	ttl  time.Duration // after the last refusal
	at   map[uint64]refusal
}

type refusal struct {
	first time.Time // when the request first came
	last  time.Time // when it was last refused
}

func newRecall(size int, ttl time.Duration) recall {
	return recall{size: size, ttl: ttl, at: make(map[uint64]refusal)}
}

// note remembers that key, which first came at first, was refused at now.
func (r *recall) note(key uint64, first, now time.Time) {
	if len(r.at) >= r.size {
		for k, f := range r.at {
			if now.Sub(f.last) > r.ttl {
				delete(r.at, k)
			}
		}
		if len(r.at) >= r.size {
			clear(r.at)
		}
	}
	r.at[key] = refusal{first: first, last: now}
}

// take reports whether key was refused within the ttl and when it first
// came, and forgets it.
func (r *recall) take(key uint64, now time.Time) (first time.Time, ok bool) {
	f, ok := r.at[key]
	if !ok {
		return time.Time{}, false
	}
	delete(r.at, key)
	if now.Sub(f.last) > r.ttl {
		return time.Time{}, false
	}
	return f.first, true
}
