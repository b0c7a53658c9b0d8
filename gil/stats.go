package gil

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ThreadStats are one thread's counters.
type ThreadStats struct {
	ID             int64
	Goroutine      int64 // 0 until the thread first acquires with the lock on
	Name           string
	State          string // idle, waiting, holding, unlocked
	Closed         bool
	Acquisitions   int64         // includes acquisitions with the lock off
	ForcedSwitches int64         // holds ended by a drop request
	Held           time.Duration // with the lock on, up to now
	Waited         time.Duration // up to now
}

// Stats is a snapshot of the lock's configuration and counters.
type Stats struct {
	Enabled        bool
	Interval       time.Duration
	Holder         int64 // Thread.ID of the holder, 0 if none
	Waiting        int
	Unlocked       int64 // threads running that acquired with the lock off
	Acquisitions   int64
	ForcedSwitches int64
	DropRequests   int64 // times the watchdog asked the holder to switch
	Handoffs       int64 // grants straight from one thread to a waiter
	Held           time.Duration
	Waited         time.Duration
	Threads        []ThreadStats // by ID
}

var stateNames = [...]string{"idle", "waiting", "holding", "unlocked"}

// Stats returns the counters. Totals include retired threads; intervals in
// progress count up to now.
func (l *Lock) Stats() Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	s := Stats{
		Enabled: l.Enabled(), Interval: l.SwitchInterval(), Waiting: len(l.queue),
		Unlocked: l.unlocked.Load(), Acquisitions: l.acqTotal.Load(),
		ForcedSwitches: l.totals.forced, DropRequests: l.totals.drops, Handoffs: l.totals.handoffs,
		Held: time.Duration(l.totals.held), Waited: time.Duration(l.totals.waited),
	}
	for _, t := range l.reg.all() {
		ts := t.statsLocked(now)
		s.Held += ts.Held - time.Duration(t.c.held)
		s.Waited += ts.Waited - time.Duration(t.c.waited)
		s.Threads = append(s.Threads, ts)
	}
	if h := l.holder.Load(); h != nil {
		s.Holder = h.id
	}
	slices.SortFunc(s.Threads, func(a, b ThreadStats) int { return int(a.ID - b.ID) })
	return s
}

// statsLocked adds the interval in progress to the thread's counters.
func (t *Thread) statsLocked(now int64) ThreadStats {
	st := t.state.Load()
	ts := ThreadStats{
		ID: t.id, Goroutine: t.goid, Name: t.name, State: stateNames[st], Closed: t.closed,
		Acquisitions: t.acq.Load(), ForcedSwitches: t.c.forced,
		Held: time.Duration(t.c.held), Waited: time.Duration(t.c.waited),
	}
	switch st {
	case stateHolding:
		ts.Held += time.Duration(now - t.since)
	case stateWaiting:
		ts.Waited += time.Duration(now - t.since)
	}
	return ts
}

// ResetStats zeroes every counter and forgets retired threads; intervals in
// progress restart now.
func (l *Lock) ResetStats() {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.totals = counters{}
	l.acqTotal.Store(0)
	l.reg.dropRetired()
	for _, t := range l.reg.all() {
		t.c = counters{}
		t.acq.Store(0)
		if st := t.state.Load(); st == stateHolding || st == stateWaiting {
			t.since = now
		}
	}
	if l.holder.Load() != nil {
		l.since = now
	}
}

// String formats the snapshot for `%gil`.
func (s Stats) String() string {
	var b strings.Builder
	mode := "off"
	if s.Enabled {
		mode = "on"
	}
	fmt.Fprintf(&b, "gil: %s, switch interval %v\n", mode, s.Interval)
	fmt.Fprintf(&b, "acquisitions %d, forced switches %d, hand-offs %d, held %v, waited %v\n",
		s.Acquisitions, s.ForcedSwitches, s.Handoffs, s.Held.Round(time.Microsecond), s.Waited.Round(time.Microsecond))
	if len(s.Threads) == 0 {
		return b.String()
	}
	fmt.Fprintf(&b, "%6s %8s %-8s %8s %8s %12s %12s  %s\n", "id", "goid", "state", "acq", "forced", "held", "waited", "name")
	for _, t := range s.Threads {
		state := t.State
		if t.Closed {
			state = "done"
		}
		fmt.Fprintf(&b, "%6d %8d %-8s %8d %8d %12v %12v  %s\n", t.ID, t.Goroutine, state,
			t.Acquisitions, t.ForcedSwitches, t.Held.Round(time.Microsecond), t.Waited.Round(time.Microsecond), t.Name)
	}
	return b.String()
}
