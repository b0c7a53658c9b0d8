package gil

import "time"

// The watchdog plays the part of CPython's waiter that does a timed wait of
// one interval and then sets gil_drop_request. One alarm per lock fires when
// the holder will have held the lock for an interval; if someone still waits
// and the holder has not changed, it sets the drop bit. Invariant: while the
// lock is held and the queue is not empty, the alarm is armed to fire no
// later than since+interval (a hand-off only moves that deadline later).

// armLocked makes sure the alarm will fire by the holder's deadline.
func (l *Lock) armLocked(now int64) {
	if l.armed || l.holder.Load() == nil {
		return
	}
	d := time.Duration(l.since + l.interval.Load() - now)
	if d < 0 {
		d = 0
	}
	if l.timer == nil {
		l.timer = newAlarm(l.onTimer)
	}
	l.armed = true
	l.timer.Reset(d)
}

// onTimer sets the drop bit when the holder has had its interval and
// someone waits, else re-arms for the current holder.
func (l *Lock) onTimer() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.armed = false
	if l.holder.Load() == nil || len(l.queue) == 0 {
		return
	}
	now := l.now()
	if now-l.since >= l.interval.Load() {
		l.totals.drops++
		l.setDrop()
		return
	}
	l.armLocked(now)
}
