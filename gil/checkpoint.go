package gil

// Checkpoint is the lock's part of the checkpoint slow path: when the drop
// bit is set and the caller holds the lock, it hands the lock to the first
// waiter and waits for its turn again. With the bit clear it costs one
// atomic load.
func (l *Lock) Checkpoint() {
	if loadWord(l.word)&l.mask == 0 {
		return
	}
	l.yield(true)
}

// Yield hands the lock to the first waiter, if any, and queues again, as a
// forced switch does but without waiting for the interval (runtime.Gosched
// under the lock). It does nothing when the caller does not hold the lock.
func (l *Lock) Yield() { l.yield(false) }

func (l *Lock) yield(forced bool) {
	t := l.holder.Load()
	if t == nil {
		if forced {
			l.clearDrop() // a stale request outlived its holder
		}
		return
	}
	if t.g.Load() != curg() {
		return // not the holder: leave the request for it
	}
	l.mu.Lock()
	if l.holder.Load() != t || len(l.queue) == 0 {
		if l.holder.Load() == t {
			l.clearDrop()
		}
		l.mu.Unlock()
		return
	}
	now := l.now()
	l.releaseLocked(t, now, forced)
	l.enqueueLocked(t, now)
	l.mu.Unlock()
	t.endHold()
	if forced {
		traceForced(t)
	}
	_ = t.wait(false)
}

// Save releases the lock held by the caller and returns its thread for
// [Lock.Restore] (PyEval_SaveThread). It returns nil, doing nothing, when
// the caller does not hold the lock (or the lock is off).
func (l *Lock) Save() *Thread {
	t := l.holder.Load()
	if t == nil || t.g.Load() != curg() {
		return nil
	}
	l.mu.Lock()
	if l.holder.Load() != t {
		l.mu.Unlock()
		return nil
	}
	now := l.now()
	l.releaseLocked(t, now, false)
	t.relSince = now
	l.mu.Unlock()
	t.endHold()
	return t
}

// Restore re-acquires the lock for a thread returned by Save; nil does
// nothing.
func (l *Lock) Restore(t *Thread) {
	if t != nil {
		t.Acquire()
	}
}

// Blocking runs fn with the caller's lock released and takes the lock back
// afterwards, even when fn panics. fn must not run interpreted code.
func (l *Lock) Blocking(fn func()) {
	t := l.Save()
	defer l.Restore(t)
	fn()
}
