package gil

import "time"

// Kind says what a goroutine did during an [Event].
type Kind uint8

const (
	KindHold     Kind = iota + 1 // held the lock
	KindWait                     // waited for the lock
	KindReleased                 // ran with the lock released (Save..Restore)
)

func (k Kind) String() string {
	switch k {
	case KindHold:
		return "hold"
	case KindWait:
		return "wait"
	case KindReleased:
		return "released"
	}
	return "unknown"
}

// Event is one interval of one thread.
type Event struct {
	Thread    int64 // Thread.ID
	Goroutine int64 // goroutine id, as runtime/trace shows it
	Name      string
	Kind      Kind
	Start     time.Time
	End       time.Time
	Forced    bool // a hold that ended by forced switching
}

// Duration is End - Start.
func (e Event) Duration() time.Duration { return e.End.Sub(e.Start) }

type rawEvent struct {
	t          *Thread
	kind       Kind
	forced     bool
	start, end int64
}

// eventRing keeps the latest events; older ones are overwritten.
type eventRing struct {
	buf  []rawEvent
	next int
	full bool
}

// EnableEvents starts recording hold, wait and released intervals into a
// ring of the latest n events (n ≤ 0 stops recording and drops them).
// Recording costs one nil check per interval while it is off.
func (l *Lock) EnableEvents(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n <= 0 {
		l.ring = nil
		return
	}
	l.ring = &eventRing{buf: make([]rawEvent, n)}
}

// Events returns the recorded events, oldest first, and clears the ring.
func (l *Lock) Events() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.ring
	if r == nil {
		return nil
	}
	raw := append([]rawEvent(nil), r.buf[r.next:]...)
	if !r.full {
		raw = raw[:0]
	}
	raw = append(raw, r.buf[:r.next]...)
	r.next, r.full = 0, false
	out := make([]Event, len(raw))
	for i, e := range raw {
		out[i] = Event{
			Thread: e.t.id, Goroutine: e.t.goid, Name: e.t.name, Kind: e.kind, Forced: e.forced,
			Start: l.epoch.Add(time.Duration(e.start)), End: l.epoch.Add(time.Duration(e.end)),
		}
	}
	return out
}

// record adds an event under l.mu when recording is on.
func (l *Lock) record(t *Thread, k Kind, start, end int64, forced bool) {
	r := l.ring
	if r == nil {
		return
	}
	r.buf[r.next] = rawEvent{t: t, kind: k, forced: forced, start: start, end: end}
	r.next++
	if r.next == len(r.buf) {
		r.next, r.full = 0, true
	}
}
