package gil

import (
	"errors"
	"runtime/trace"
	"sync/atomic"
)

// ErrInterrupted is returned by [Thread.AcquireInterruptible] when
// [Lock.Interrupt] was called and not yet cleared.
var ErrInterrupted = errors.New("gil: interrupted while waiting for the lock")

// Thread states.
const (
	stateIdle     int32 = iota
	stateWaiting        // queued for the lock
	stateHolding        // holds the lock
	stateUnlocked       // running with the lock off
)

// Thread is one goroutine's handle on the lock, like CPython's
// PyThreadState. It belongs to one goroutine at a time; its counters
// appear in [Lock.Stats].
type Thread struct {
	l    *Lock
	id   int64
	name string
	g    atomic.Uintptr // curg() of the goroutine that last acquired
	acq  atomic.Int64
	wake chan struct{} // capacity 1: a hint to re-check state

	state atomic.Int32 // changes under l.mu except for unlocked<->idle

	// Under l.mu.
	goid     int64
	c        counters
	since    int64 // start of the current hold or wait
	relSince int64 // start of the current released interval, or -1
	closed   bool

	region *trace.Region // owned by the goroutine itself
}

// NewThread registers a thread for one goroutine. name labels it in stats
// and timelines.
func (l *Lock) NewThread(name string) *Thread {
	t := &Thread{l: l, id: l.nextID.Add(1), name: name, wake: make(chan struct{}, 1), relSince: -1}
	l.mu.Lock()
	l.reg.add(t)
	l.mu.Unlock()
	return t
}

// ID is the thread's number, unique within its lock.
func (t *Thread) ID() int64 { return t.id }

// Name is the label given to NewThread.
func (t *Thread) Name() string { return t.name }

// Acquire blocks until the calling goroutine holds the lock (or returns at
// once with the lock off). Acquiring a lock the thread already holds does
// nothing.
func (t *Thread) Acquire() { _ = t.acquire(false) }

// AcquireInterruptible is Acquire that gives up, without the lock, when
// [Lock.Interrupt] is called while it waits or was called before and not
// cleared.
func (t *Thread) AcquireInterruptible() error { return t.acquire(true) }

func (t *Thread) acquire(interruptible bool) error {
	l := t.l
	if interruptible && l.interrupted.Load() {
		return ErrInterrupted
	}
	g := curg()
	moved := t.g.Swap(g) != g
	if !l.enabled.Load() {
		t.runUnlocked()
		return nil
	}
	l.mu.Lock()
	if !l.enabled.Load() {
		l.mu.Unlock()
		t.runUnlocked()
		return nil
	}
	if t.state.Load() == stateHolding {
		l.mu.Unlock()
		return nil
	}
	if t.state.CompareAndSwap(stateUnlocked, stateIdle) {
		l.unlocked.Add(-1) // acquired while off; the lock is on now
	}
	if t.goid == 0 || moved && l.ring != nil {
		// A thread may be reused by another goroutine (the cell's main
		// thread runs on a new goroutine each cell). Reading the id costs
		// microseconds, so it is refreshed only while events are recorded,
		// where timelines need the goroutine that really held the lock.
		t.goid = goid()
	}
	now := l.now()
	l.endReleasedLocked(t, now)
	if l.holder.Load() == nil {
		l.grantLocked(t, now)
		l.mu.Unlock()
		t.beginHold()
		return nil
	}
	l.enqueueLocked(t, now)
	l.mu.Unlock()
	return t.wait(interruptible)
}

// runUnlocked records an acquisition made with the lock off.
func (t *Thread) runUnlocked() {
	if t.state.CompareAndSwap(stateIdle, stateUnlocked) {
		t.l.unlocked.Add(1)
	}
	t.acq.Add(1)
	t.l.acqTotal.Add(1)
}

// wait parks a queued thread until it is granted the lock, the lock is
// switched off, or (interruptible) an interrupt arrives.
func (t *Thread) wait(interruptible bool) error {
	l := t.l
	reg := t.beginWait()
	defer func() { endRegion(reg) }() // reg is read when the defer runs
	for {
		<-t.wake
		l.mu.Lock()
		switch t.state.Load() {
		case stateHolding:
			l.mu.Unlock()
			// Trace regions must nest: the wait ends before the hold begins.
			endRegion(reg)
			reg = nil
			t.beginHold()
			return nil
		case stateUnlocked:
			l.mu.Unlock()
			return nil
		}
		if interruptible && l.interrupted.Load() {
			l.removeLocked(t)
			l.endWaitLocked(t, l.now())
			t.state.Store(stateIdle)
			l.mu.Unlock()
			return ErrInterrupted
		}
		l.mu.Unlock()
	}
}

// signal wakes the thread's goroutine to re-check its state.
func (t *Thread) signal() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// Release gives the lock up, handing it to the first waiter. It does
// nothing when the thread does not hold the lock, so `defer t.Release()`
// is always safe.
func (t *Thread) Release() {
	l := t.l
	if t.state.CompareAndSwap(stateUnlocked, stateIdle) {
		l.unlocked.Add(-1)
		t.endHold()
		return
	}
	l.mu.Lock()
	held := t.state.Load() == stateHolding && l.holder.Load() == t
	if held {
		l.releaseLocked(t, l.now(), false)
	}
	l.mu.Unlock()
	if held {
		t.endHold()
	}
}

// Close releases the lock if held and retires the thread: its counters stay
// in the totals and, for a while, in [Lock.Stats].
func (t *Thread) Close() {
	t.Release()
	l := t.l
	l.mu.Lock()
	if !t.closed {
		t.closed = true
		l.reg.retire(t)
	}
	l.mu.Unlock()
}
