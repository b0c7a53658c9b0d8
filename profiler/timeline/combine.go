package timeline

import (
	"slices"
	"time"
)

// lockKind is what the lock's event ring says a goroutine did.
type lockKind uint8

const (
	lkNone lockKind = iota
	lkHold
	lkWait
	lkReleased
)

// lockSpan is one lock interval, in trace nanoseconds.
type lockSpan struct {
	kind       lockKind
	start, end int64
	forced     bool
}

// piece is an elementary interval where neither source changes.
type piece struct {
	a, b       int64
	trace      int // index into the state spans, -1 for none
	lock       int // index into the lock spans, -1 for none
	kind       Kind
	reason     string
	forcedHold bool
}

// combine merges one goroutine's scheduling states and lock intervals into
// segments relative to origin, clipped to [lo, hi). The lock decides while
// it has something to say (a goroutine waiting for the lock is parked on a
// channel, but the picture should say "waiting for the lock"); the trace
// refines released time into native work, blocking, or waiting for a CPU.
func combine(tr []stateSpan, lk []lockSpan, origin, lo, hi int64) []Segment {
	cuts := boundaries(tr, lk, lo, hi)
	var segs []Segment
	var prev piece
	ti, li := 0, 0
	for i := 0; i+1 < len(cuts); i++ {
		p := piece{a: cuts[i], b: cuts[i+1], trace: -1, lock: -1}
		mid := p.a + (p.b-p.a)/2
		for ti < len(tr) && tr[ti].end <= mid {
			ti++
		}
		for li < len(lk) && lk[li].end <= mid {
			li++
		}
		if ti < len(tr) && tr[ti].start <= mid {
			p.trace = ti
		}
		if li < len(lk) && lk[li].start <= mid {
			p.lock = li
		}
		if !classify(&p, tr, lk) {
			prev = piece{}
			continue
		}
		if n := len(segs); n > 0 && sameSource(prev, p) && segs[n-1].End == time.Duration(p.a-origin) {
			segs[n-1].End = time.Duration(p.b - origin)
		} else {
			segs = append(segs, Segment{Kind: p.kind, Start: time.Duration(p.a - origin), End: time.Duration(p.b - origin), Reason: p.reason, Forced: p.forcedHold})
		}
		prev = p
	}
	return segs
}

// boundaries are the sorted distinct interval ends inside [lo, hi].
func boundaries(tr []stateSpan, lk []lockSpan, lo, hi int64) []int64 {
	cuts := []int64{lo, hi}
	add := func(t int64) {
		if t > lo && t < hi {
			cuts = append(cuts, t)
		}
	}
	for _, s := range tr {
		add(s.start)
		add(s.end)
	}
	for _, s := range lk {
		add(s.start)
		add(s.end)
	}
	slices.Sort(cuts)
	return slices.Compact(cuts)
}

// classify sets the piece's kind; false means nothing is known of it.
func classify(p *piece, tr []stateSpan, lk []lockSpan) bool {
	lock := lkNone
	if p.lock >= 0 {
		lock = lk[p.lock].kind
	}
	switch lock {
	case lkHold:
		p.kind, p.forcedHold = Hold, lk[p.lock].forced
		return true
	case lkWait:
		p.kind = Wait
		return true
	}
	if p.trace < 0 {
		return false
	}
	s := tr[p.trace]
	switch s.state {
	case stRunning:
		p.kind = Running
		if lock == lkReleased {
			p.kind = Native
		}
	case stSyscall:
		p.kind, p.reason = Blocked, "I/O"
	case stWaiting:
		p.kind, p.reason = Blocked, blockCategory(s.reason)
	case stRunnable:
		p.kind = Ready
	default:
		return false
	}
	return true
}

// sameSource reports whether two adjacent pieces belong to one segment: the
// same lock interval for holds and waits, the same lock and scheduling
// intervals otherwise.
func sameSource(a, b piece) bool {
	if a.kind != b.kind || a.reason != b.reason || a.lock != b.lock {
		return false
	}
	return a.kind == Hold || a.kind == Wait || a.trace == b.trace
}

// blockCategory groups the runtime's block reasons as the legend does.
func blockCategory(reason string) string {
	switch reason {
	case "chan send", "chan receive":
		return "chan"
	case "select", "sleep":
		return reason
	case "sync", "sync.(*Cond).Wait":
		return "sync"
	case "network", "syscall":
		return "I/O"
	case "":
		return "unspecified"
	}
	return reason
}
