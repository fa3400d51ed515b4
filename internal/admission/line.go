package admission

import (
	"container/heap"
	"time"
)

// waiter is one request waiting for a slot.
type waiter struct {
	ready    chan struct{}
	admitted bool
	first    time.Time // when the request first came, before any refusal
	seq      uint64    // ties broken by order of arrival
	index    int       // in its line; -1 once out of it
}

// retryLine holds the requests that were refused before, the one that
// first came earliest at the front: after a refusal the server lets the
// parents in by the order they first came, not by who retried luckiest.
type retryLine []*waiter

func (l retryLine) Len() int { return len(l) }
func (l retryLine) Less(i, j int) bool {
	if !l[i].first.Equal(l[j].first) {
		return l[i].first.Before(l[j].first)
	}
	return l[i].seq < l[j].seq
}
func (l retryLine) Swap(i, j int) {
	l[i], l[j] = l[j], l[i]
	l[i].index, l[j].index = i, j
}
func (l *retryLine) Push(x any) {
	w := x.(*waiter)
	w.index = len(*l)
	*l = append(*l, w)
}
func (l *retryLine) Pop() any {
	old := *l
	w := old[len(old)-1]
	old[len(old)-1] = nil
	w.index = -1
	*l = old[:len(old)-1]
	return w
}

func (l *retryLine) add(w *waiter)    { heap.Push(l, w) }
func (l *retryLine) remove(w *waiter) { heap.Remove(l, w.index) }
func (l *retryLine) take() *waiter    { return heap.Pop(l).(*waiter) }
