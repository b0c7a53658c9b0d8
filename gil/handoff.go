package gil

// The functions here change who holds the lock. All run under l.mu.

// grantLocked makes t the holder at time now.
func (l *Lock) grantLocked(t *Thread, now int64) {
	if t.state.Load() == stateWaiting {
		l.endWaitLocked(t, now)
	}
	t.state.Store(stateHolding)
	t.since = now
	t.acq.Add(1)
	l.acqTotal.Add(1)
	l.since = now
	l.holder.Store(t)
	l.clearDrop()
	if len(l.queue) > 0 {
		l.armLocked(now)
	}
}

// releaseLocked ends t's hold and hands the lock to the first waiter, which
// thereby holds it before t can queue again (forced switching needs this).
func (l *Lock) releaseLocked(t *Thread, now int64, forced bool) {
	l.endHoldLocked(t, now, forced)
	t.state.Store(stateIdle)
	l.holder.Store(nil)
	l.clearDrop()
	if len(l.queue) == 0 {
		return
	}
	next := l.queue[0]
	l.queue[0] = nil
	l.queue = l.queue[1:]
	l.totals.handoffs++
	l.grantLocked(next, now)
	next.signal()
}

// enqueueLocked puts t at the tail of the queue.
func (l *Lock) enqueueLocked(t *Thread, now int64) {
	t.state.Store(stateWaiting)
	t.since = now
	l.queue = append(l.queue, t)
	l.armLocked(now)
}

// removeLocked takes t out of the queue (an interrupted waiter).
func (l *Lock) removeLocked(t *Thread) {
	for i, w := range l.queue {
		if w == t {
			l.queue = append(l.queue[:i], l.queue[i+1:]...)
			return
		}
	}
}

// runUnlockedLocked lets t run with the lock switched off.
func (l *Lock) runUnlockedLocked(t *Thread) {
	t.state.Store(stateUnlocked)
	l.unlocked.Add(1)
	if l.holder.Load() == t {
		l.holder.Store(nil)
	}
}

func (l *Lock) endHoldLocked(t *Thread, now int64, forced bool) {
	d := now - t.since
	t.c.held += d
	l.totals.held += d
	if forced {
		t.c.forced++
		l.totals.forced++
	}
	l.record(t, KindHold, t.since, now, forced)
	t.since = now
}

func (l *Lock) endWaitLocked(t *Thread, now int64) {
	d := now - t.since
	t.c.waited += d
	l.totals.waited += d
	l.record(t, KindWait, t.since, now, false)
	t.since = now
}

// endReleasedLocked closes the interval t spent with the lock released by
// Save, for timelines.
func (l *Lock) endReleasedLocked(t *Thread, now int64) {
	if t.relSince < 0 {
		return
	}
	l.record(t, KindReleased, t.relSince, now, false)
	t.relSince = -1
}
